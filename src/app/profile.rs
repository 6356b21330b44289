//! The report profile of a run: flags over `--profile FILE` over the
//! criteria set's `[set]` keys, dated today in Vietnam's time unless a
//! source gives the date; and the render context it goes into.

use std::time::{Duration, SystemTime};

use anyhow::{Context as _, anyhow};

use super::{Env, Failure};
use crate::cli::{OutputOptions, ProfileOptions};
use crate::i18n::Lang;
use crate::load::profile::{MAX_PROFILE_BYTES, parse_day, parse_profile};
use crate::model::{CriteriaSet, Day, Profile, ProfileFields};
use crate::report::{Context, Options, Stamp};

/// The profile the flags, the profile file and the set give together.
pub(super) fn resolve_profile(
    options: &ProfileOptions,
    set: &CriteriaSet,
    lang: Lang,
) -> Result<Profile, Failure> {
    let flags = flag_fields(options, lang)?;
    let file = match &options.profile {
        Some(path) => read_profile(path, lang)?,
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

fn flag_fields(options: &ProfileOptions, lang: Lang) -> Result<ProfileFields, Failure> {
    let date = match &options.date {
        Some(text) => Some(parse_day(text).ok_or_else(|| {
            Failure::Usage(anyhow!(
                "{}",
                lang.pick(
                    &format!(
                        "--date \"{text}\" không phải là một ngày có thật; hãy ghi dạng 2023-12-15 hoặc 15/12/2023"
                    ),
                    &format!("--date \"{text}\" is not a real date; write it as 2023-12-15 or 15/12/2023"),
                )
            ))
        })?),
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

fn read_profile(path: &std::path::Path, lang: Lang) -> Result<ProfileFields, Failure> {
    use std::io::Read;
    let shown = super::display_path(path);
    let file = std::fs::File::open(path).with_context(|| {
        lang.pick(
            &format!("không mở được hồ sơ báo cáo {shown}"),
            &format!("cannot open the report profile {shown}"),
        )
        .to_string()
    })?;
    let mut bytes = Vec::new();
    file.take(MAX_PROFILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    let problem = |vi: String, en: String| {
        Failure::Rejected(
            vec![crate::load::Problem::new(
                shown.clone(),
                crate::i18n::Text::new(vi, en),
            )]
            .into(),
        )
    };
    if bytes.len() > MAX_PROFILE_BYTES {
        let mb = MAX_PROFILE_BYTES >> 20;
        return Err(problem(
            format!("hồ sơ báo cáo lớn hơn {mb} MB, không phải là một hồ sơ; chưa đọc hết"),
            format!("larger than {mb} MB, which no report profile is; not read further"),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        problem(
            "hồ sơ báo cáo không phải là văn bản UTF-8; hãy lưu lại dưới dạng UTF-8".into(),
            "the report profile is not UTF-8 text; save it as UTF-8".into(),
        )
    })?;
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
