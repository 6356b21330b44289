//! The reproducibility stamp every report carries.

use super::*;

/// The generation time: `SOURCE_DATE_EPOCH` (for reproducible builds and
/// tests) or now, in RFC 3339 UTC.
pub(super) fn generation_time() -> String {
    let when = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or_else(SystemTime::now, |secs| {
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
        });
    humantime::format_rfc3339_seconds(when).to_string()
}

/// The stamp of a report on `loaded` and `data`: the data file with its
/// hash, when the run took it.
pub(super) fn stamp(loaded: &LoadedSet, data: Option<(&Path, Option<&str>)>) -> Stamp {
    Stamp {
        tool: format!("wardscore {}", env!("CARGO_PKG_VERSION")),
        set_id: loaded.set.id.clone(),
        criteria_file: loaded.source.clone(),
        criteria_sources: vec![loaded.shown()],
        criteria_sha256: loaded.sha256.clone(),
        data_file: data.map(|(p, _)| display_path(p)),
        data_sha256: data.and_then(|(_, sha256)| sha256.map(str::to_string)),
        overrides: loaded.overrides.clone(),
        generated_at: generation_time(),
        results: Vec::new(),
        stages: Vec::new(),
        staging: None,
    }
}
