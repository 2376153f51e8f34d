//! The derived load cache (`.cache/records.bin`): an open reuses the records
//! whose files did not change and reads the rest; the record files stay the
//! truth whatever state the cache is in.

use chrono::NaiveDate;
use starlog::domain::{DiaryEntry, Records};
use starlog::store::cache::{self, CACHE_DIR, CACHE_FILE};
#[cfg(unix)]
use starlog::store::cache::{FOLDERS_FILE, Folder, FolderTable, Listing};
use starlog::store::codec::encode;
use starlog::store::{
    LoadProgress, Loaded, Mode, RecordKind, Severity, StoredRecord, Workspace, write_cache,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const NAME: &str = "learner";
const ENTRIES: usize = 300;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).expect("valid")
}

/// A workspace of generated entries whose files were last changed an hour
/// ago (a file changed in the last seconds is never cached: see FORMAT.md).
fn workspace() -> (tempfile::TempDir, Workspace) {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(root.path(), NAME, Mode::Capture).expect("open");
    for entry in starlog::demo::generated_entries(ENTRIES, 3, day()) {
        ws.create(&entry).expect("create");
    }
    age_files(ws.dir());
    (root, ws)
}

fn age_files(dir: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for entry in walk(dir) {
        if entry.extension().is_some_and(|e| e == "ron") {
            fs::File::options()
                .write(true)
                .open(&entry)
                .and_then(|f| f.set_modified(hour_ago))
                .expect("set the time");
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if entry.file_type().expect("type").is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn cache_file(ws: &Workspace) -> PathBuf {
    ws.dir().join(CACHE_DIR).join(CACHE_FILE)
}

/// Loads, writes the cache from that load, and loads again from the cache.
fn cached(ws: &Workspace) -> (Loaded, Loaded) {
    let first = ws.load().expect("load");
    let written = write_cache(ws.dir(), &first).expect("write the cache");
    assert_eq!(written, ENTRIES, "every clean record is cached");
    let second = ws.load().expect("load");
    (first, second)
}

/// A diary entry of `day` 2026-11-`day`, made at `made` (RFC 3339), saying
/// `text`, added to the workspace as a capture command would.
fn add_entry(ws: &Workspace, day: u32, made: &str, text: &str) -> DiaryEntry {
    let mut entry = DiaryEntry::new(
        starlog::domain::Id::generate(),
        NaiveDate::from_ymd_opt(2026, 11, day).expect("valid"),
        chrono::DateTime::parse_from_rfc3339(made).expect("valid"),
    );
    entry.text = text.into();
    ws.create(&entry).expect("create");
    entry
}

/// [`add_entry`], then its folder's modification time set back to what it
/// was, as a sync tool might: programs can set it, never the change time.
#[cfg(unix)]
fn add_entry_behind_the_folder(ws: &Workspace, day: u32, made: &str, text: &str) -> DiaryEntry {
    let folder = ws.dir().join("diary").join("2026");
    let before = fs::metadata(&folder)
        .and_then(|m| m.modified())
        .expect("time");
    let entry = add_entry(ws, day, made, text);
    assert!(ws.dir().join(entry.rel_path()).starts_with(&folder));
    fs::File::open(&folder)
        .and_then(|f| f.set_modified(before))
        .expect("set the time back");
    entry
}

fn same_records(a: &Records, b: &Records) {
    assert_eq!(a.diary.len(), b.diary.len());
    assert!(a.diary == b.diary, "the records differ");
}

#[test]
fn an_unchanged_workspace_loads_from_the_cache_with_the_same_records() {
    let (_root, ws) = workspace();
    let (first, second) = cached(&ws);
    assert!(first.cache.ignored.is_some(), "no cache at first");
    assert_eq!(first.cache.parsed, ENTRIES);
    assert_eq!(second.cache.reused, ENTRIES);
    assert_eq!(second.cache.parsed, 0);
    assert!(second.cache.ignored.is_none());
    assert!(!second.cache.stale, "nothing to rewrite");
    same_records(&first.records, &second.records);
    assert_eq!(
        first.files, second.files,
        "the save guard sees the same files"
    );
    assert!(second.problems.is_empty());
}

/// The app starts its load before its first frame, which holds the load
/// back until the frame is out: once it is, every record comes, from the
/// cache as from the files.
#[test]
fn a_load_started_before_the_first_frame_reads_everything_once_the_frame_is_out() {
    let (_root, ws) = workspace();
    let before_cache = {
        let progress = LoadProgress::before_first_frame();
        std::thread::scope(|scope| {
            let load = scope.spawn(|| ws.load_counting(&progress));
            progress.first_frame_out();
            load.join().expect("the load ran").expect("loaded")
        })
    };
    assert_eq!(before_cache.cache.parsed, ENTRIES, "read from the files");
    let (_, reference) = cached(&ws);
    let progress = LoadProgress::before_first_frame();
    let from_cache = std::thread::scope(|scope| {
        let load = scope.spawn(|| ws.load_counting(&progress));
        progress.first_frame_out();
        load.join().expect("the load ran").expect("loaded")
    });
    assert_eq!(from_cache.cache.reused, ENTRIES, "taken from the cache");
    same_records(&before_cache.records, &reference.records);
    same_records(&from_cache.records, &reference.records);
    assert_eq!(from_cache.files, reference.files);
    assert_eq!(
        progress.done.load(std::sync::atomic::Ordering::Relaxed),
        ENTRIES,
        "the count reached every record"
    );
}

/// A UI that never gets its first frame out (its terminal failed) does not
/// leave the load waiting for ever.
#[test]
fn a_load_whose_first_frame_never_comes_still_finishes() {
    let (_root, ws) = workspace();
    let (_, reference) = cached(&ws);
    let progress = LoadProgress::before_first_frame();
    let loaded = ws.load_counting(&progress).expect("loaded");
    same_records(&loaded.records, &reference.records);
}

#[test]
fn a_record_loaded_from_the_cache_saves_normally() {
    let (_root, ws) = workspace();
    let (_, loaded) = cached(&ws);
    let ws = Workspace::open(ws.dir().parent().expect("root"), NAME, Mode::Write).expect("open");
    let mut entry = loaded.records.diary[0].clone();
    let known = loaded.files.get(&entry.id).expect("its file");
    entry.reflection = "Edited after a load from the cache.".into();
    ws.save(&entry, Some(known))
        .expect("the cached hash matches the file");
    let again = ws.load().expect("load");
    let found = again.records.diary.iter().find(|e| e.id == entry.id);
    assert_eq!(
        found.map(|e| e.reflection.as_str()),
        Some(entry.reflection.as_str())
    );
}

#[test]
fn a_record_edited_on_disk_shows_its_new_content() {
    let (_root, ws) = workspace();
    let (first, _) = cached(&ws);
    let mut entry: DiaryEntry = first.records.diary[5].clone();
    entry.result = "Changed by a sync from another computer.".into();
    // As an editor or a sync would: the bytes replaced in place.
    fs::write(
        ws.dir().join(entry.rel_path()),
        encode(&entry).expect("encode"),
    )
    .expect("write");
    let loaded = ws.load().expect("load");
    let found = loaded.records.diary.iter().find(|e| e.id == entry.id);
    assert_eq!(
        found.map(|e| e.result.as_str()),
        Some(entry.result.as_str())
    );
    assert_eq!(loaded.cache.parsed, 1);
    assert_eq!(loaded.cache.reused, ENTRIES - 1);
    assert!(
        loaded.cache.stale,
        "the cache is rewritten after such a load"
    );
}

#[test]
fn a_deleted_file_disappears() {
    let (_root, ws) = workspace();
    let (first, _) = cached(&ws);
    let gone = &first.records.diary[7];
    fs::remove_file(ws.dir().join(gone.rel_path())).expect("delete");
    let loaded = ws.load().expect("load");
    assert!(loaded.records.diary.iter().all(|e| e.id != gone.id));
    assert!(!loaded.files.contains_key(&gone.id));
    assert_eq!(loaded.records.diary.len(), ENTRIES - 1);
    assert!(loaded.cache.stale);
}

#[test]
fn a_new_file_from_a_capture_command_is_read() {
    let (_root, ws) = workspace();
    cached(&ws);
    let entry = add_entry(
        &ws,
        20,
        "2026-11-20T17:05:00Z",
        "Added while the app was closed.",
    );
    let loaded = ws.load().expect("load");
    assert!(loaded.records.diary.iter().any(|e| e.id == entry.id));
    assert_eq!(loaded.cache.parsed, 1);
}

/// A cache that cannot be trusted is ignored as a whole: the load is the
/// same as without one, and the reason is recorded.
fn ignored_after(damage: impl FnOnce(&Path)) -> Loaded {
    let (_root, ws) = workspace();
    let (first, _) = cached(&ws);
    damage(&cache_file(&ws));
    let loaded = ws.load().expect("load");
    assert!(loaded.cache.ignored.is_some(), "the damaged cache was used");
    assert_eq!(loaded.cache.reused, 0);
    assert_eq!(loaded.cache.parsed, ENTRIES);
    assert!(loaded.cache.stale, "it is rebuilt");
    same_records(&first.records, &loaded.records);
    assert!(
        loaded.problems.is_empty(),
        "a bad cache is not the learner's problem"
    );
    // And the next cache written is good again.
    write_cache(ws.dir(), &loaded).expect("rewrite");
    assert_eq!(ws.load().expect("load").cache.reused, ENTRIES);
    loaded
}

/// A cache brought up to date after an entry was added holds every entry in
/// the order a load lists the diary, newest first, so the load finds its
/// diary in order. (The entries kept from the old cache and the new ones
/// once went in two runs, and every later open sorted the whole diary.)
#[test]
fn a_cache_brought_up_to_date_holds_the_diary_newest_first() {
    let (_root, ws) = workspace();
    cached(&ws);
    let newest = add_entry(&ws, 28, "2026-11-28T09:00:00+00:00", "the newest");
    add_entry(
        &ws,
        1,
        "2026-11-01T09:00:00+00:00",
        "an older one, written late",
    );
    age_files(ws.dir());
    let loaded = ws.load().expect("load");
    assert_eq!(
        write_cache(ws.dir(), &loaded).expect("rewrite"),
        ENTRIES + 2
    );
    let mut keys = Vec::new();
    cache::read(
        ws.dir(),
        starlog::store::hash_probe(),
        &std::sync::OnceLock::new(),
        |chunk| keys.extend(chunk.drain(..).map(|cached| cached.key)),
    )
    .expect("read");
    let mut newest_first = keys.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert!(keys == newest_first, "the cache is out of order");
    assert!(keys[0].contains(newest.id.as_str()), "{}", keys[0]);
    // And the load lists them in that order.
    let again = ws.load().expect("load");
    assert_eq!(again.cache.reused, ENTRIES + 2);
    let ids: Vec<&str> = again.records.diary.iter().map(|e| e.id.as_str()).collect();
    let listed: Vec<&str> = keys
        .iter()
        .filter_map(|k| k.rsplit('-').next()?.strip_suffix(".ron"))
        .collect();
    assert_eq!(ids, listed);
}

#[test]
fn a_corrupted_cache_is_ignored_and_rebuilt() {
    ignored_after(|path| {
        let mut bytes = fs::read(path).expect("read");
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x5A;
        fs::write(path, bytes).expect("write");
    });
}

#[test]
fn a_truncated_cache_is_ignored_and_rebuilt() {
    ignored_after(|path| {
        let bytes = fs::read(path).expect("read");
        fs::write(path, &bytes[..bytes.len() - 9]).expect("write");
    });
    // Cut at a chunk boundary is caught by the missing end mark.
    ignored_after(|path| {
        let bytes = fs::read(path).expect("read");
        fs::write(path, &bytes[..bytes.len() - END_LEN]).expect("write");
    });
}

/// What the end mark of the cache file at `path` gives a load to make
/// room with (see `cache::counts`).
fn counts_beside(path: &Path) -> Option<cache::Counts> {
    let ws = path.parent().and_then(Path::parent).expect("a workspace");
    cache::counts(ws, starlog::store::hash_probe())
}

/// The end mark: length 0 (u32), the entry count (u64), each kind's count
/// (u32 for each of the 12 kinds), then 8 magic bytes (see FORMAT.md).
const END_LEN: usize = 4 + 8 + 4 * 12 + 8;

/// Where the end mark's count of diary entries is (kind tag 1, the first).
fn diary_count_at(bytes: &[u8]) -> usize {
    bytes.len() - END_LEN + 4 + 8
}

#[test]
fn an_end_mark_whose_counts_do_not_add_up_is_ignored_and_rebuilt() {
    ignored_after(|path| {
        let mut bytes = fs::read(path).expect("read");
        let at = diary_count_at(&bytes);
        bytes[at] ^= 1;
        fs::write(path, bytes).expect("write");
        assert_eq!(counts_beside(path), None);
    });
}

/// The load makes its lists as long as the end mark says before it reads a
/// record: a count no file of that size could hold is not believed (the
/// load would otherwise ask for memory it cannot have, and stop).
#[test]
fn an_end_mark_claiming_more_records_than_the_file_holds_is_not_believed() {
    ignored_after(|path| {
        let mut bytes = fs::read(path).expect("read");
        let at = diary_count_at(&bytes);
        let count_at = bytes.len() - END_LEN + 4;
        // Counts that add up, each far more than the file could hold.
        bytes[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        bytes[count_at..count_at + 8].copy_from_slice(&u64::from(u32::MAX).to_le_bytes());
        fs::write(path, bytes).expect("write");
        assert_eq!(counts_beside(path), None);
    });
}

/// The cache is decoded while its records are taken in, so a flaw in its
/// last chunk turns up after the records of the chunks before it are in
/// their lists: those are dropped with the rest and every file is read,
/// each once.
#[test]
fn a_cache_damaged_after_its_first_chunks_is_ignored_as_a_whole() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(root.path(), NAME, Mode::Capture).expect("open");
    // About four chunks of 256 entries, written without fsync.
    let many = 1_000;
    for entry in starlog::demo::generated_entries(many, 5, day()) {
        let path = ws.dir().join(entry.rel_path());
        fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        fs::write(&path, encode(&entry).expect("encodes")).expect("write");
    }
    age_files(ws.dir());
    let first = ws.load().expect("load");
    assert_eq!(
        write_cache(ws.dir(), &first).expect("write the cache"),
        many
    );
    let path = cache_file(&ws);
    let mut bytes = fs::read(&path).expect("read");
    // In the last chunk, before the end mark.
    let at = bytes.len() - END_LEN - 32;
    bytes[at] ^= 0x5A;
    fs::write(&path, bytes).expect("write");
    let loaded = ws.load().expect("load");
    assert!(loaded.cache.ignored.is_some(), "the damaged cache was used");
    assert_eq!(loaded.cache.reused, 0);
    assert_eq!(loaded.cache.parsed, many);
    assert_eq!(loaded.files.len(), many, "each file once");
    same_records(&first.records, &loaded.records);
    assert!(
        loaded.problems.is_empty(),
        "no record is reported as a copy of itself: {:?}",
        loaded.problems
    );
}

#[test]
fn a_cache_from_another_starlog_or_no_cache_at_all_is_ignored() {
    // A newer (or older) build writes another schema name after the magic.
    ignored_after(|path| {
        let mut bytes = fs::read(path).expect("read");
        bytes[20] = bytes[20].wrapping_add(1);
        fs::write(path, bytes).expect("write");
        // Nor are its counts taken to make room.
        assert_eq!(counts_beside(path), None);
    });
    ignored_after(|path| fs::write(path, b"not a cache at all").expect("write"));
    ignored_after(|path| fs::write(path, b"").expect("write"));
    ignored_after(|path| fs::remove_file(path).expect("delete"));
}

/// A file replaced by another of the same size with its old modification
/// time put back (`touch -r`, some sync tools): on Unix the inode change time
/// (and for a renamed-in copy the inode) still differs, and no program can
/// set the change time, so the new content is read. Where a platform has
/// neither (FAT), this one case would go unseen until the file changes
/// again; docs/FORMAT.md says so.
#[cfg(unix)]
#[test]
fn a_replacement_of_equal_size_and_time_is_still_read() {
    let (_root, ws) = workspace();
    let (first, _) = cached(&ws);
    let mut entry = first.records.diary[3].clone();
    let path = ws.dir().join(entry.rel_path());
    let old_time = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("time");
    let old_len = fs::metadata(&path).expect("meta").len();
    // The same number of bytes, different words.
    entry.reflection = entry.reflection.chars().rev().collect();
    let bytes = encode(&entry).expect("encode");
    assert_eq!(bytes.len() as u64, old_len);
    std::thread::sleep(Duration::from_millis(20));
    // In place, then the old time put back: size and time as they were.
    fs::write(&path, &bytes).expect("write");
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(old_time))
        .expect("set the time");
    let meta = fs::metadata(&path).expect("meta");
    assert_eq!(
        (meta.len(), meta.modified().expect("time")),
        (old_len, old_time)
    );
    let loaded = ws.load().expect("load");
    let found = loaded.records.diary.iter().find(|e| e.id == entry.id);
    assert_eq!(found.map(|e| &e.reflection), Some(&entry.reflection));
    assert_eq!(loaded.cache.parsed, 1);
}

#[test]
fn a_bad_record_file_is_reported_on_every_open_with_or_without_a_cache() {
    let (_root, ws) = workspace();
    let bad = ws.dir().join("diary/2026/2026-11-20-broken.ron");
    fs::write(&bad, "DiaryEntry(\n    format: 1,\n    id: \"nope\",\n").expect("write");
    let mut newer = starlog::demo::generated_entries(1, 99, day()).remove(0);
    newer.format = 99;
    let newer_path = ws.dir().join(newer.rel_path());
    fs::write(&newer_path, encode(&newer).expect("encode")).expect("write");
    // Unknown fields: read, but protected from saving, and said so.
    let mut odd = starlog::demo::generated_entries(1, 98, day()).remove(0);
    odd.text = "kept".into();
    let odd_path = ws.dir().join(odd.rel_path());
    let odd_text =
        encode(&odd)
            .expect("encode")
            .replacen("format: 1,", "format: 1,\n    mood: \"fine\",", 1);
    fs::write(&odd_path, odd_text).expect("write");
    age_files(ws.dir());
    let reported = |loaded: &Loaded| {
        let mut paths: Vec<(PathBuf, Severity)> = loaded
            .problems
            .iter()
            .map(|p| (p.path.clone(), p.severity))
            .collect();
        paths.sort();
        paths
    };
    let first = ws.load().expect("load");
    let want = reported(&first);
    assert_eq!(want.len(), 3, "{:?}", first.problems);
    write_cache(ws.dir(), &first).expect("write the cache");
    for _ in 0..2 {
        let again = ws.load().expect("load");
        assert_eq!(reported(&again), want, "the same problems, every open");
        assert_eq!(again.problems, first.problems);
        assert_eq!(
            again.cache.reused, ENTRIES,
            "only the clean files come from the cache"
        );
        assert_eq!(again.cache.parsed, 3);
        assert!(
            !again.cache.stale,
            "bad files alone do not call for a new cache"
        );
        let odd_state = again.files.get(&odd.id).expect("the odd file is read");
        assert!(odd_state.protected.is_some(), "still protected from saving");
        assert!(again.records.diary.iter().all(|e| e.id != newer.id));
    }
    // Without the cache: exactly the same.
    fs::remove_file(cache_file(&ws)).expect("delete the cache");
    assert_eq!(ws.load().expect("load").problems, first.problems);
}

#[cfg(unix)]
#[test]
fn the_cache_is_never_read_or_written_through_a_link() {
    let (_root, ws) = workspace();
    let elsewhere = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink(elsewhere.path(), ws.dir().join(CACHE_DIR)).expect("link");
    let loaded = ws.load().expect("load");
    assert!(write_cache(ws.dir(), &loaded).is_err(), "refused");
    assert_eq!(fs::read_dir(elsewhere.path()).expect("read").count(), 0);
    // A cache placed at the link's end is not read either.
    let real = tempfile::tempdir().expect("tempdir");
    let other = Workspace::open(real.path(), NAME, Mode::Capture).expect("open");
    for entry in &loaded.records.diary {
        other.create(entry).expect("create");
    }
    age_files(other.dir());
    let full = other.load().expect("load");
    write_cache(other.dir(), &full).expect("write");
    fs::copy(cache_file(&other), elsewhere.path().join(CACHE_FILE)).expect("copy");
    assert_eq!(ws.load().expect("load").cache.reused, 0);
}

#[test]
fn a_file_changed_seconds_before_the_load_is_not_cached() {
    let (_root, ws) = workspace();
    let first = ws.load().expect("load");
    let mut entry = first.records.diary[0].clone();
    entry.text = "Just now.".into();
    fs::write(
        ws.dir().join(entry.rel_path()),
        encode(&entry).expect("encode"),
    )
    .expect("write");
    let loaded = ws.load().expect("load");
    assert_eq!(write_cache(ws.dir(), &loaded).expect("write"), ENTRIES - 1);
    let again = ws.load().expect("load");
    assert_eq!(again.cache.parsed, 1, "the racily clean file is read again");
}

/// What the app does a few seconds after a save: the cache is brought up to
/// date from its still-right entries and the changed files, so the next open
/// parses nothing and shows the saved text.
#[test]
fn a_refresh_after_saves_takes_them_in_so_the_next_open_parses_nothing() {
    let (_root, ws) = workspace();
    let (_, loaded) = cached(&ws);
    let ws = Workspace::open(ws.dir().parent().expect("root"), NAME, Mode::Write).expect("open");
    let mut edited = loaded.records.diary[3].clone();
    edited.reflection = "Saved in the app, then the app was closed.".into();
    ws.save(&edited, loaded.files.get(&edited.id))
        .expect("save");
    let gone = &loaded.records.diary[7];
    ws.trash(&gone.rel_path()).expect("trash");
    // Seconds later (the refresh waits out the window for files changed
    // just before a listing).
    age_files(ws.dir());
    assert_eq!(ws.refresh_cache().expect("refresh"), ENTRIES - 1);
    let next = ws.load().expect("load");
    assert_eq!(next.cache.parsed, 0, "every record from the cache");
    assert_eq!(next.cache.reused, ENTRIES - 1);
    assert!(!next.cache.stale);
    let found = next.records.diary.iter().find(|e| e.id == edited.id);
    assert_eq!(
        found.map(|e| e.reflection.as_str()),
        Some(edited.reflection.as_str())
    );
    assert!(!next.records.diary.iter().any(|e| e.id == gone.id));
    // Nothing changed since: the cache is left as it is.
    let before = fs::metadata(cache_file(&ws))
        .expect("cache")
        .modified()
        .ok();
    assert_eq!(ws.refresh_cache().expect("refresh"), ENTRIES - 1);
    assert_eq!(
        fs::metadata(cache_file(&ws))
            .expect("cache")
            .modified()
            .ok(),
        before
    );
}

/// A save seconds before the refresh is not cached yet (it could change
/// again within the file system's time granularity): it is read from its
/// file next time, and the rest still comes from the cache.
#[test]
fn a_refresh_right_after_a_save_leaves_that_file_to_be_read() {
    let (_root, ws) = workspace();
    let (_, loaded) = cached(&ws);
    let ws = Workspace::open(ws.dir().parent().expect("root"), NAME, Mode::Write).expect("open");
    let mut edited = loaded.records.diary[0].clone();
    edited.result = "Saved a moment ago.".into();
    ws.save(&edited, loaded.files.get(&edited.id))
        .expect("save");
    assert_eq!(ws.refresh_cache().expect("refresh"), ENTRIES - 1);
    let next = ws.load().expect("load");
    assert_eq!(next.cache.parsed, 1);
    assert_eq!(next.cache.reused, ENTRIES - 1);
    let found = next.records.diary.iter().find(|e| e.id == edited.id);
    assert_eq!(
        found.map(|e| e.result.as_str()),
        Some("Saved a moment ago.")
    );
}

/// The cache, the lock, drafts, backups and the trash belong to this
/// computer: a new workspace says so to git, a learner's own `.gitignore` is
/// left as it is, and the cache folder ignores itself either way.
#[test]
fn the_cache_and_other_local_files_are_kept_out_of_git() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("open");
    let ignore = fs::read_to_string(ws.dir().join(".gitignore")).expect("written");
    for pattern in ["/.cache/", "/.lock", "/drafts/", "/backups/", "/trash/"] {
        assert!(
            ignore.lines().any(|l| l == pattern),
            "{pattern} in {ignore}"
        );
    }
    assert!(
        !ignore
            .lines()
            .any(|l| !l.starts_with('#') && (l.contains("diary") || l.contains("workspace.ron"))),
        "the records stay in git"
    );
    drop(ws);

    let other = root.path().join("own");
    fs::create_dir_all(&other).expect("mkdir");
    fs::write(other.join(".gitignore"), "notes.txt\n").expect("write");
    let ws = Workspace::open(root.path(), "own", Mode::Write).expect("open");
    assert_eq!(
        fs::read_to_string(ws.dir().join(".gitignore")).expect("read"),
        "notes.txt\n"
    );
    let entry = starlog::demo::generated_entries(1, 3, day()).remove(0);
    ws.create(&entry).expect("create");
    age_files(ws.dir());
    write_cache(ws.dir(), &ws.load().expect("load")).expect("write the cache");
    let inner = fs::read_to_string(ws.dir().join(CACHE_DIR).join(".gitignore")).expect("read");
    assert!(inner.lines().any(|l| l == "*"));
}

/// A file readable by others when the cache was written (by a read-only
/// load, which changes nothing) is made private by the next open that may
/// write, though its record then comes from the cache.
#[cfg(unix)]
#[test]
fn a_cached_record_readable_by_others_is_still_made_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_root, ws) = workspace();
    let path = walk(&ws.dir().join("diary"))
        .into_iter()
        .find(|p| p.extension().is_some_and(|e| e == "ron"))
        .expect("an entry file");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).expect("chmod");
    let root = ws.dir().parent().expect("root").to_path_buf();
    let reader = Workspace::open(&root, NAME, Mode::ReadOnly).expect("open");
    cached(&reader);
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o644, "a read-only open changes nothing");

    let writer = Workspace::open(&root, NAME, Mode::Write).expect("open");
    let loaded = writer.load().expect("load");
    assert_eq!(loaded.cache.reused, ENTRIES, "from the cache");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert_eq!(loaded.problems[0].path, path);
    assert_eq!(
        loaded.problems[0].message,
        "was readable by other users; made private (0600)"
    );
}

#[test]
fn a_feedback_item_without_an_activity_does_not_spoil_the_cache() {
    // Feedback once left `activity` out when empty; postcard, which does
    // not describe fields, could not read such an entry back, and one such
    // entry made the whole cache "damaged" and ignored on every open. The
    // field is always written now, so the entry is cached like any other.
    let (root, ws) = workspace();
    let mut fb = starlog::domain::Feedback::new(
        starlog::domain::Id::generate(),
        day(),
        chrono::DateTime::parse_from_rfc3339("2026-11-20T10:00:00+00:00").expect("valid"),
        starlog::domain::FeedbackSource::Customer,
        starlog::domain::FeedbackMethod::Survey,
        starlog::domain::Valence::Negative,
        "On hold three times".into(),
    );
    fb.activity = None;
    ws.create(&fb).expect("feedback saved");
    age_files(ws.dir());
    let loaded = ws.load().expect("load");
    write_cache(ws.dir(), &loaded).expect("cache written");
    let again = ws.load().expect("load");
    assert_eq!(again.cache.ignored, None, "{:?}", again.cache);
    assert_eq!(again.cache.reused, ENTRIES + 1, "{:?}", again.cache);
    assert_eq!(again.cache.parsed, 0, "the feedback comes from the cache");
    assert_eq!(again.records.feedback, vec![fb]);
    drop(root);
}

/// Every kind of record the demo story holds (feedback with and without
/// the activity it is about, reviews, evidence, sign-offs...) comes back
/// from the cache, and the same. A field a record file leaves out while
/// empty once made every cache look damaged, so every open parsed every file.
#[test]
fn every_kind_of_record_in_the_demo_is_reused_from_the_cache() {
    let root = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(root.path(), NAME, Mode::Write).expect("open");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid");
    let (_, header_state, _) = ws.load_header().expect("header");
    starlog::demo::write_demo(&ws, header_state.as_ref(), 0, now).expect("demo written");
    age_files(ws.dir());
    let first = ws.load().expect("load");
    assert!(
        first.records.feedback.iter().any(|f| f.activity.is_none()),
        "the demo has feedback about no activity"
    );
    let written = write_cache(ws.dir(), &first).expect("write the cache");
    assert_eq!(written, first.cache.parsed, "every record is cached");
    let second = ws.load().expect("load");
    assert_eq!(second.cache.ignored, None, "the cache is read");
    assert_eq!(second.cache.parsed, 0, "nothing parsed again");
    assert_eq!(second.cache.reused, written);
    assert!(second.records == first.records, "the same records");
    // Its end mark counts each kind, for the next load to make room.
    let counts = cache::counts(ws.dir(), starlog::store::hash_probe()).expect("an end mark");
    let records = &first.records;
    for (kind, listed) in [
        (RecordKind::Diary, records.diary.len()),
        (RecordKind::Feedback, records.feedback.len()),
        (RecordKind::Review, records.reviews.len()),
        (RecordKind::Kpi, records.kpis.len()),
        (RecordKind::Objective, records.objectives.len()),
        (RecordKind::Evidence, records.evidence.len()),
    ] {
        assert!(listed > 0, "the demo has records of {kind:?}");
        assert_eq!(counts.of(kind), listed, "{kind:?}");
    }
    assert_eq!(counts.total(), written as u64);
    assert_eq!(first.files, second.files);
}

// The folder table (`.cache/folders.bin`): a folder whose stamp has not
// changed since a listing read it is listed from the table, each file still
// looked at on its own. Unix only: elsewhere every folder is read.

/// Sets every folder of the workspace (not the cache's) back an hour, as if
/// nothing had been added to them for that long.
#[cfg(unix)]
fn age_folders(dir: &Path) {
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).expect("read dir").flatten() {
            let path = entry.path();
            if entry.file_type().expect("type").is_dir() && entry.file_name() != CACHE_DIR {
                folders.push(path);
            }
        }
        fs::File::open(&folder)
            .and_then(|f| f.set_modified(hour_ago))
            .expect("set the folder's time");
    }
}

/// A workspace whose files and folders were last changed an hour ago, its
/// cache and folder table written, and a load that took every folder from
/// the table.
#[cfg(unix)]
fn with_folder_table() -> (tempfile::TempDir, Workspace, Loaded) {
    let (root, ws) = workspace();
    age_folders(ws.dir());
    let (first, second) = cached(&ws);
    assert_eq!(first.listing.folders_reused, 0, "no table at first");
    assert!(first.cache.stale, "the table is worth writing");
    assert!(
        ws.dir().join(CACHE_DIR).join(FOLDERS_FILE).is_file(),
        "written with the cache"
    );
    assert_eq!(
        second.listing.folders_reused,
        first.listing.folders.len(),
        "every folder read at first is taken from the table"
    );
    assert!(second.listing.folders_reused > 0);
    assert!(!second.cache.stale, "nothing to rewrite");
    same_records(&first.records, &second.records);
    assert_eq!(first.files, second.files);
    assert!(second.problems.is_empty());
    (root, ws, second)
}

#[cfg(unix)]
#[test]
fn an_unchanged_folder_is_listed_from_the_folder_table_with_the_same_records() {
    let (_root, ws, second) = with_folder_table();
    assert_eq!(second.cache.reused, ENTRIES);
    assert_eq!(second.cache.parsed, 0);
    // Listing the same files as a read of every folder would.
    let mut from_table: Vec<(&String, _)> = second.listing.files.iter().collect();
    let read = ws.load().expect("load");
    assert!(read.listing.folders_reused > 0);
    fs::remove_file(ws.dir().join(CACHE_DIR).join(FOLDERS_FILE)).expect("remove the table");
    let read = ws.load().expect("load");
    assert_eq!(read.listing.folders_reused, 0);
    let mut from_folders: Vec<(&String, _)> = read.listing.files.iter().collect();
    from_table.sort_by_key(|(k, _)| k.as_str());
    from_folders.sort_by_key(|(k, _)| k.as_str());
    let stamps = |files: &[(&String, &starlog::store::cache::Listed)]| {
        files
            .iter()
            .map(|(k, l)| ((*k).clone(), l.stamp, l.kind, l.private))
            .collect::<Vec<_>>()
    };
    assert_eq!(stamps(&from_table), stamps(&from_folders));
}

#[cfg(unix)]
#[test]
fn a_file_added_to_a_folder_in_the_table_is_found_even_with_the_folder_time_set_back() {
    let (_root, ws, _) = with_folder_table();
    let entry = add_entry_behind_the_folder(
        &ws,
        20,
        "2026-11-20T17:05:00Z",
        "Added by a sync, which then set the folder's time back.",
    );
    let loaded = ws.load().expect("load");
    assert!(loaded.records.diary.iter().any(|e| e.id == entry.id));
    assert_eq!(loaded.records.diary.len(), ENTRIES + 1);
    assert_eq!(loaded.cache.parsed, 1);
}

#[cfg(unix)]
#[test]
fn a_file_deleted_or_edited_in_a_folder_in_the_table_is_seen() {
    let (_root, ws, second) = with_folder_table();
    let gone = second.records.diary[3].clone();
    fs::remove_file(ws.dir().join(gone.rel_path())).expect("delete");
    let mut edited = second.records.diary[9].clone();
    edited.text = "Edited in another editor.".into();
    fs::write(
        ws.dir().join(edited.rel_path()),
        encode(&edited).expect("encode"),
    )
    .expect("write");
    let loaded = ws.load().expect("load");
    assert!(loaded.records.diary.iter().all(|e| e.id != gone.id));
    let shown = loaded.records.diary.iter().find(|e| e.id == edited.id);
    assert_eq!(
        shown.map(|e| e.text.as_str()),
        Some("Edited in another editor.")
    );
    assert_eq!(loaded.records.diary.len(), ENTRIES - 1);
    assert!(loaded.problems.is_empty());
}

#[cfg(unix)]
#[test]
fn a_folder_changed_seconds_before_the_listing_is_not_kept_in_the_table() {
    // The files are an hour old, their folders were changed just now.
    let (_root, ws) = workspace();
    let loaded = ws.load().expect("load");
    assert!(!loaded.listing.folders.is_empty());
    assert!(
        !loaded.listing.folders_stale,
        "nothing the table could keep"
    );
    write_cache(ws.dir(), &loaded).expect("write");
    let table = read_folders(&ws);
    assert!(table.is_empty(), "kept: {table:?}");
    assert_eq!(ws.load().expect("load").listing.folders_reused, 0);
}

#[cfg(unix)]
fn read_folders(ws: &Workspace) -> Vec<Folder> {
    let table = FolderTable::read(ws.dir(), starlog::store::hash_probe());
    table
        .folders()
        .iter()
        .map(|f| Folder {
            key: f.key.clone(),
            stamp: f.stamp,
            names: table.names(f).expect("the names of a folder in the table"),
            from_table: false,
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_damaged_folder_table_is_ignored_and_rewritten() {
    let (_root, ws, second) = with_folder_table();
    let all = second.listing.folders_reused;
    let path = ws.dir().join(CACHE_DIR).join(FOLDERS_FILE);
    let good = fs::read(&path).expect("read");
    // (damage, folders still taken from the table): a flipped byte in the
    // last folder's names costs that folder only; a cut-short table or a
    // damaged header, the whole table.
    type Damage = fn(&mut Vec<u8>);
    let damages: [(Damage, usize); 3] = [
        (
            |bytes| {
                let last = bytes.len() - 2;
                bytes[last] ^= 0x5A;
            },
            all - 1,
        ),
        (|bytes| bytes.truncate(bytes.len() - 3), 0),
        (|bytes| bytes[3] ^= 1, 0),
    ];
    for (damage, still) in damages {
        let mut bytes = good.clone();
        damage(&mut bytes);
        fs::write(&path, &bytes).expect("write");
        let loaded = ws.load().expect("load");
        assert_eq!(
            loaded.listing.folders_reused, still,
            "a damaged part was used"
        );
        assert!(loaded.records == second.records, "the records differ");
        assert_eq!(
            loaded.cache.reused, ENTRIES,
            "the records cache is still good"
        );
        assert!(loaded.problems.is_empty());
        assert!(loaded.cache.stale, "the table is worth writing again");
        write_cache(ws.dir(), &loaded).expect("rewrite");
        assert_eq!(ws.load().expect("load").listing.folders_reused, all);
    }
}

#[cfg(unix)]
#[test]
fn a_folder_table_naming_a_path_or_a_missing_file_lists_only_the_files_there() {
    let (root, ws, second) = with_folder_table();
    // A file outside the folder the table names (as a damaged or forged
    // table with a matching stamp could): never listed.
    fs::write(root.path().join("outside.ron"), "not a record").expect("write");
    let table = read_folders(&ws);
    let diary = table
        .iter()
        .position(|f| f.key.starts_with("diary/"))
        .expect("a diary folder");
    let mut forged = table.clone();
    forged[diary].names.push_str("../../../outside.ron/");
    let mut gone = table.clone();
    gone[diary]
        .names
        .push_str("2026-11-20-01KAX0000000000000000000000.ron/");
    for (table, folder_read) in [(forged, true), (gone, false)] {
        let listing = Listing {
            taken: Some(SystemTime::now()),
            folders: table,
            folders_stale: true,
            ..Listing::default()
        };
        starlog::store::cache::write_folders(ws.dir(), &listing, starlog::store::hash_probe())
            .expect("write the table");
        let loaded = ws.load().expect("load");
        assert_eq!(loaded.records.diary.len(), ENTRIES);
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        assert!(
            loaded.listing.files.keys().all(|k| !k.contains("outside")),
            "listed a file outside its folder"
        );
        let reused = second.listing.folders_reused - usize::from(folder_read);
        assert_eq!(loaded.listing.folders_reused, reused);
    }
}

#[cfg(unix)]
#[test]
fn the_first_page_is_taken_from_an_unchanged_folder_and_sees_a_new_entry() {
    let (_root, ws, second) = with_folder_table();
    let mut newest = second.records.diary.clone();
    newest.sort_by(DiaryEntry::newest_first);
    newest.truncate(20);
    let (page, problems) = ws.newest_diary(20);
    assert!(problems.is_empty());
    assert!(
        page == newest,
        "the first page differs from the newest entries"
    );
    // Written by a sync, which then set the folder's time back.
    let entry = add_entry_behind_the_folder(&ws, 21, "2026-11-21T09:00:00Z", "The newest of all.");
    let (page, _) = ws.newest_diary(20);
    assert_eq!(page.first().map(|e| &e.id), Some(&entry.id));
}

#[cfg(unix)]
#[test]
fn a_table_written_again_keeps_the_folders_listed_from_it() {
    let (_root, ws, second) = with_folder_table();
    let all = second.listing.folders_reused;
    let entry = add_entry(
        &ws,
        20,
        "2026-11-20T17:05:00Z",
        "A new entry in one folder.",
    );
    let new_file = ws.dir().join(entry.rel_path());
    fs::File::options()
        .write(true)
        .open(&new_file)
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(3600)))
        .expect("set the file's time");
    // Its folder changed (an hour ago, so the table may keep it).
    fs::File::open(new_file.parent().expect("its folder"))
        .and_then(|f| f.set_modified(SystemTime::now() - Duration::from_secs(3600)))
        .expect("set the folder's time");
    let changed = ws.load().expect("load");
    assert!(changed.cache.stale);
    assert_eq!(
        changed.listing.folders_reused,
        all - 1,
        "one folder changed"
    );
    write_cache(ws.dir(), &changed).expect("write");
    let again = ws.load().expect("load");
    assert_eq!(again.listing.folders_reused, all, "the table lost a folder");
    assert_eq!(again.records.diary.len(), ENTRIES + 1);
    assert!(!again.cache.stale);
}
