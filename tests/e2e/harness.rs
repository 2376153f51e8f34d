//! The app's tests see none of the developer's environment.

use crate::common;

#[test]
fn the_app_tests_pass_with_a_hostile_parent_environment() {
    let out = common::rerun_self_in_hostile_env(&["app::", "plan::"], "harness::");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains("app::ctrl_c_in_the_form_keeps_a_draft ... ok"),
        "{report}"
    );
}
