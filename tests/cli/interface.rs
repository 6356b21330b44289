//! Discovery: completions, the manual page, `init`, help with examples.

use crate::harness::*;

#[test]
fn completions_for_every_shell_name_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run(&["completions", shell]).ok().to_string();
        for command in [
            "score",
            "explain",
            "compare",
            "sensitivity",
            "template",
            "init",
        ] {
            assert!(out.contains(command), "{shell}: {command}");
        }
    }
}

#[test]
fn the_manual_page_is_roff_with_every_command() {
    let out = run(&["man"]).ok().to_string();
    assert!(out.contains(".TH wardscore 1"), "{}", &out[..200]);
    for command in [
        "check",
        "score",
        "explain",
        "criteria",
        "compare",
        "sensitivity",
    ] {
        assert!(out.contains(command), "{command}");
    }
}

#[test]
fn every_command_help_has_a_worked_example() {
    for command in [
        "check",
        "score",
        "explain",
        "criteria",
        "template",
        "compare",
        "sensitivity",
        "init",
        "completions",
        "man",
    ] {
        let out = run(&[command, "--help"]).ok().to_string();
        assert!(out.contains("Example"), "{command} --help has no example");
        assert!(out.contains("wardscore "), "{command}");
    }
}

#[test]
fn init_writes_an_editable_copy_that_checks() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("bo-tieu-chi.toml");
    let t = target.to_str().unwrap();
    run(&["init", "--from", "thi-dua-cuoi-nam", "-o", t]).ok();
    let text = std::fs::read_to_string(&target).unwrap();
    assert!(
        text.starts_with('#'),
        "the copy keeps its explanatory comments"
    );
    let out = run(&["check", t]).ok().to_string();
    assert!(out.contains("✓"), "{out}");
    // Never overwrites: a second run fails and leaves the file alone.
    std::fs::write(&target, "mine").unwrap();
    run(&["init", "--from", "thi-dua-cuoi-nam", "-o", t]).fails(1);
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
}

#[test]
fn init_from_an_unknown_set_suggests_the_closest() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("x.toml");
    let err = run(&[
        "init",
        "--from",
        "thi-dua-cuoi",
        "-o",
        target.to_str().unwrap(),
    ])
    .fails(2);
    assert!(err.contains("thi-dua-cuoi-nam"), "{err}");
    assert!(!target.exists());
}
