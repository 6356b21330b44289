//! What the tests that drive outside programs (a browser, an office suite)
//! share: finding a program, and running one that must succeed.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

/// `name` on `PATH`, if it is there.
pub(crate) fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Runs `cmd`, which must succeed, and returns its standard output.
pub(crate) fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Waits for `child` (the program `what`), killing it and failing the test
/// with its `log` when it takes longer than `limit`.
pub(crate) fn wait_bounded(
    mut child: Child,
    what: &str,
    limit: Duration,
    log: &Path,
) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for the program") {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "{what} did not finish in {limit:?}:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The unit names of an example's data file (column `ten`).
pub(crate) fn unit_names(root: &Path, data: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(root.join(data)).expect("example data");
    let column = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "ten")
        .expect("a `ten` column");
    reader
        .records()
        .map(|r| r.expect("record")[column].to_string())
        .collect()
}
