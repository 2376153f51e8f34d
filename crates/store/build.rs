//! Names the build for the load cache (src/cache.rs): a hash of the
//! record types' source and of the crate version. The cache's binary form
//! does not describe its fields, so a cache written by any other build is
//! ignored rather than misread.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

fn hash_dir(dir: &Path, hasher: &mut DefaultHasher) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("build.rs: cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            hash_dir(&path, hasher);
        } else if path.extension().is_some_and(|e| e == "rs") {
            path.file_name().hash(hasher);
            std::fs::read(&path)
                .unwrap_or_else(|e| panic!("build.rs: cannot read {}: {e}", path.display()))
                .hash(hasher);
        }
    }
}

fn main() {
    let mut hasher = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    // The record types, and the cache's own layout.
    for source in ["../core/src/domain", "src/cache.rs", "src/record.rs"] {
        println!("cargo:rerun-if-changed={source}");
        let path = Path::new(source);
        if path.is_dir() {
            hash_dir(path, &mut hasher);
        } else {
            std::fs::read(path)
                .unwrap_or_else(|e| panic!("build.rs: cannot read {source}: {e}"))
                .hash(&mut hasher);
        }
    }
    println!(
        "cargo:rustc-env=STARLOG_CACHE_SCHEMA={:016x}",
        hasher.finish()
    );
}
