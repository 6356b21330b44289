//! The report profile of a run: flags over `--profile FILE` over the
//! criteria set's `[set]` keys, dated today in Vietnam's time unless a
//! source gives the date; and the render context it goes into.

use std::time::{Duration, SystemTime};

use anyhow::Context as _;

use super::messages::{ArgMessage, FileMessage, both};
use super::{Env, Failure};
use crate::cli::{OutputOptions, ProfileOptions};
use crate::i18n::Said;
use crate::load::profile::{MAX_PROFILE_BYTES, parse_day, parse_profile};
use crate::model::{CriteriaSet, Day, Profile, ProfileFields};
use crate::report::{Context, Options, Stamp};

/// The profile the flags, the profile file and the set give together.
pub(super) fn resolve_profile(
    options: &ProfileOptions,
    set: &CriteriaSet,
) -> Result<Profile, Failure> {
    let flags = flag_fields(options)?;
    let file = match &options.profile {
        Some(path) => read_profile(path)?,
        None => ProfileFields::default(),
    };
    Ok(Profile::new(flags.or(file).or(set_fields(set)), today()))
}

/// The profile a command without report flags writes with: the set's.
pub(super) fn set_profile(set: &CriteriaSet) -> Profile {
    Profile::new(set_fields(set), today())
}

fn set_fields(set: &CriteriaSet) -> ProfileFields {
    ProfileFields {
        issuer: set.issuer.clone(),
        period: set.period.clone(),
        ..ProfileFields::default()
    }
}

fn flag_fields(options: &ProfileOptions) -> Result<ProfileFields, Failure> {
    let date = match &options.date {
        Some(text) => Some(
            parse_day(text)
                .ok_or_else(|| Failure::usage(ArgMessage::Date { text: text.clone() }))?,
        ),
        None => None,
    };
    let given = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Ok(ProfileFields {
        parent: given(&options.parent),
        issuer: given(&options.issuer),
        number: given(&options.number),
        place: given(&options.place),
        date,
        period: given(&options.period),
        signer_title: given(&options.signer_title),
        signer_name: given(&options.signer_name),
        recipients: options
            .recipients
            .iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect(),
    })
}

fn read_profile(path: &std::path::Path) -> Result<ProfileFields, Failure> {
    use std::io::Read;
    let shown = super::display_path(path);
    let file = std::fs::File::open(path).with_context(|| {
        Said::new(FileMessage::CannotOpenProfile {
            file: shown.clone(),
        })
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_PROFILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| {
            Said::new(FileMessage::CannotRead {
                file: shown.clone(),
            })
        })?;
    let problem = |message: FileMessage| {
        Failure::Rejected(vec![crate::load::Problem::new(shown.clone(), both(&message))].into())
    };
    if bytes.len() > MAX_PROFILE_BYTES {
        return Err(problem(FileMessage::ProfileTooLarge {
            max_mb: MAX_PROFILE_BYTES >> 20,
        }));
    }
    let text = String::from_utf8(bytes).map_err(|_| problem(FileMessage::ProfileNotUtf8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(parse_profile(&shown, text)?)
}

/// Today: in the zone `TZ` names when it is set, else in Vietnam's
/// (UTC+7), so a report made at 06:30 on 1 January is dated that day.
/// `SOURCE_DATE_EPOCH` pins "now", as for the stamp.
pub(super) fn today() -> Day {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .map_or_else(SystemTime::now, |secs| {
            SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
        });
    let zone = match std::env::var_os("TZ") {
        Some(tz) if !tz.is_empty() => jiff::tz::TimeZone::system(),
        _ => vietnam(),
    };
    let date = jiff::Timestamp::try_from(now)
        .map(|t| zone.to_datetime(t).date())
        .unwrap_or_default();
    Day {
        year: date.year(),
        month: date.month(),
        day: date.day(),
    }
}

/// Vietnam has kept UTC+7 without daylight saving since 1975.
fn vietnam() -> jiff::tz::TimeZone {
    jiff::tz::TimeZone::fixed(jiff::tz::offset(7))
}

fn to_stdout(output: &OutputOptions) -> bool {
    output
        .output
        .as_deref()
        .is_none_or(|o| o == std::path::Path::new("-"))
}

/// What every renderer is given: the set, the run's language, the stamp,
/// the profile and the output switches.
pub(super) fn context<'a>(
    set: &'a CriteriaSet,
    env: &Env,
    stamp: &'a Stamp,
    profile: &'a Profile,
    output: &OutputOptions,
) -> Context<'a> {
    let ui = env.ui;
    Context {
        set,
        lang: env.lang(),
        stamp,
        profile,
        options: Options {
            sanitize: !output.raw,
            bom: !output.no_bom,
            color: ui.color,
            // A file is not the terminal: its tables keep every column.
            width: ui.width.filter(|_| to_stdout(output)),
            excel_vi: output.csv_style == crate::cli::CsvStyle::ExcelVi,
        },
    }
}
