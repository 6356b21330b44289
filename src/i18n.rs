//! The two languages of every user-facing sentence.
//!
//! Every message is a variant of a layer's catalogue (`load::messages`,
//! `report::messages`, `app::messages`): an enum carrying the message's
//! data, worded by one [`Message::words`] that matches on message and
//! language together with no catch-all arm. A message added in one
//! language only does not compile.

use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// Vietnamese when the text has any letter outside ASCII that Vietnamese
    /// uses (ă â đ ê ô ơ ư or a tone mark); English otherwise.
    pub fn guess_from(text: &str) -> Lang {
        if text.chars().any(|c| !c.is_ascii() && c.is_alphabetic()) {
            Lang::Vi
        } else {
            Lang::En
        }
    }
}

/// A message of a catalogue, worded in the run's language where it is
/// shown. Implement it with one `match (self, lang)` and no `_` arm, so the
/// compiler asks for every message in both languages.
pub trait Message {
    fn words(&self, lang: Lang) -> Cow<'static, str>;
}

/// A message in both languages, Vietnamese first: what the catalogues'
/// tests compare against.
#[cfg(test)]
pub(crate) fn both(message: &(impl Message + ?Sized)) -> (String, String) {
    (
        message.words(Lang::Vi).into_owned(),
        message.words(Lang::En).into_owned(),
    )
}

/// An operating-system error (file not found, no permission, disk full…)
/// in Vietnamese, with the system's error number kept for whoever helps.
/// None for an error that carries its own message.
pub fn os_error_vi(e: &std::io::Error) -> Option<String> {
    use std::io::ErrorKind as K;
    if let Some(inner) = e.get_ref() {
        // A library's wrapper (tempfile's names the path): the operating
        // system's error underneath, when there is one.
        let os = inner
            .downcast_ref::<std::io::Error>()
            .or_else(|| inner.source()?.downcast_ref::<std::io::Error>())?;
        return os_error_vi(os);
    }
    let words = match e.kind() {
        K::NotFound => "không tìm thấy tệp hoặc thư mục",
        K::PermissionDenied => "không có quyền truy cập",
        K::AlreadyExists => "tệp hoặc thư mục đã có",
        K::IsADirectory => "đây là thư mục, không phải tệp",
        K::NotADirectory => "một phần của đường dẫn không phải là thư mục",
        K::DirectoryNotEmpty => "thư mục không trống",
        K::StorageFull => "ổ đĩa đã đầy",
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc",
        K::InvalidFilename => "tên tệp không hợp lệ",
        K::FileTooLarge => "tệp quá lớn",
        K::ResourceBusy => "tệp đang được chương trình khác sử dụng",
        K::CrossesDevices => "không chuyển được tệp sang ổ đĩa khác",
        K::TimedOut => "quá thời gian chờ",
        K::Interrupted => "bị ngắt giữa chừng",
        K::OutOfMemory => "không đủ bộ nhớ",
        K::TooManyLinks => "quá nhiều liên kết tới tệp",
        K::NotSeekable => "không đọc lại được từ đầu (đây là luồng dữ liệu, không phải tệp)",
        K::StaleNetworkFileHandle => "tệp trên ổ mạng không còn truy cập được",
        K::ExecutableFileBusy => "tệp đang được chạy",
        K::QuotaExceeded => "đã hết dung lượng được cấp trên ổ đĩa",
        _ if is_link_loop(e) => "đường dẫn đi qua liên kết vòng (liên kết trỏ ngược về chính nó)",
        _ => return None,
    };
    Some(match e.raw_os_error() {
        Some(code) => format!("{words} (lỗi hệ điều hành {code})"),
        None => words.to_string(),
    })
}

/// A path through symbolic links that lead back to themselves, whose
/// error kind the standard library has not made stable: by the system's
/// number for it (ELOOP; on Windows, ERROR_CANT_RESOLVE_FILENAME).
fn is_link_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    const LINK_LOOP: Option<i32> = Some(libc::ELOOP);
    #[cfg(windows)]
    const LINK_LOOP: Option<i32> = Some(1921);
    #[cfg(not(any(unix, windows)))]
    const LINK_LOOP: Option<i32> = None;
    LINK_LOOP.is_some() && e.raw_os_error() == LINK_LOOP
}

/// An error carrying a catalogue message. Where the run ends (`app::main`)
/// it is worded in the run's language, whatever was known of the language
/// when it happened. Its `Display` is the English wording, for logs and
/// error chains.
pub struct Said(pub Box<dyn Message + Send + Sync>);

impl Said {
    pub fn new(message: impl Message + Send + Sync + 'static) -> Said {
        Said(Box::new(message))
    }
}

impl std::fmt::Debug for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Said")
            .field(&self.0.words(Lang::En))
            .finish()
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.words(Lang::En))
    }
}

impl std::error::Error for Said {}

/// An error (or error context) worded in the run's language at the end:
/// `Err(Said::new(Msg::…))?` or `.with_context(|| Said::new(Msg::…))`. The
/// outermost message of a failure only.
pub fn in_language(e: &anyhow::Error, lang: Lang) -> String {
    // anyhow's `{:#}`: the chain from the outermost message in, by ": ",
    // the operating system's own (English) words put in Vietnamese.
    let mut parts: Vec<String> = e
        .chain()
        .map(|cause| match lang {
            Lang::Vi => cause
                .downcast_ref::<std::io::Error>()
                .and_then(os_error_vi)
                .unwrap_or_else(|| cause.to_string()),
            Lang::En => cause.to_string(),
        })
        .collect();
    if let Some(said) = e.downcast_ref::<Said>()
        && let Some(first) = parts.first_mut()
        && *first == said.0.words(Lang::En)
    {
        *first = said.0.words(lang).into_owned();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_vietnamese_from_diacritics() {
        assert_eq!(Lang::guess_from("Chấm điểm thi đua"), Lang::Vi);
        assert_eq!(Lang::guess_from("Year-end scoring"), Lang::En);
    }

    #[test]
    fn operating_system_errors_read_in_vietnamese() {
        let missing = std::io::Error::from_raw_os_error(2);
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(
            os_error_vi(&missing).as_deref(),
            Some("không tìm thấy tệp hoặc thư mục (lỗi hệ điều hành 2)")
        );
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            os_error_vi(&denied).as_deref(),
            Some("không có quyền truy cập")
        );
        // A link that leads to itself, whose kind is not stable yet: by
        // its number.
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().expect("a temporary folder");
            let link = dir.path().join("vong");
            std::os::unix::fs::symlink(&link, &link).expect("a link");
            let looped = std::fs::File::open(&link).expect_err("a loop");
            let words = os_error_vi(&looped).unwrap_or_default();
            assert!(
                words.starts_with("đường dẫn đi qua liên kết vòng (liên kết trỏ ngược về chính nó) (lỗi hệ điều hành "),
                "{words}"
            );
        }
        // An error with its own message keeps it.
        let own = std::io::Error::new(std::io::ErrorKind::NotFound, "ours");
        assert_eq!(os_error_vi(&own), None);
        // One wrapped by a library is read underneath.
        #[derive(Debug)]
        struct Wrapped(std::io::Error);
        impl std::fmt::Display for Wrapped {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
        impl std::error::Error for Wrapped {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let wrapped = std::io::Error::new(
            std::io::ErrorKind::NotFound,
            Wrapped(std::io::Error::from_raw_os_error(2)),
        );
        assert_eq!(
            os_error_vi(&wrapped).as_deref(),
            Some("không tìm thấy tệp hoặc thư mục (lỗi hệ điều hành 2)")
        );
    }

    #[test]
    fn a_said_error_is_printed_in_the_runs_language() {
        use anyhow::Context as _;
        enum Test {
            Broken,
            CannotWrite(&'static str),
        }
        impl Message for Test {
            fn words(&self, lang: Lang) -> Cow<'static, str> {
                match (self, lang) {
                    (Test::Broken, Lang::Vi) => Cow::Borrowed("hỏng"),
                    (Test::Broken, Lang::En) => Cow::Borrowed("broken"),
                    (Test::CannotWrite(f), Lang::Vi) => Cow::Owned(format!("không ghi được {f}")),
                    (Test::CannotWrite(f), Lang::En) => Cow::Owned(format!("cannot write {f}")),
                }
            }
        }
        let root: anyhow::Error = Said::new(Test::Broken).into();
        assert_eq!(in_language(&root, Lang::Vi), "hỏng");
        assert_eq!(in_language(&root, Lang::En), "broken");
        // As the outer message of an I/O error, whose text follows.
        let io = std::io::Error::other("disk full");
        let wrapped = Err::<(), _>(io)
            .with_context(|| Said::new(Test::CannotWrite("a.csv")))
            .expect_err("an error");
        assert_eq!(
            in_language(&wrapped, Lang::Vi),
            "không ghi được a.csv: disk full"
        );
        assert_eq!(
            in_language(&wrapped, Lang::En),
            "cannot write a.csv: disk full"
        );
        // Plain errors are left as they are.
        let plain = anyhow::anyhow!("plain");
        assert_eq!(in_language(&plain, Lang::Vi), "plain");
    }
}
