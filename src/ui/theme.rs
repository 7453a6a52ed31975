//! Semantic styles: what each kind of text looks like, in one place, loaded from TOML.
//!
//! A theme file maps each role to `{ fg, bg, bold, italic, underline, reversed }` (all
//! optional), e.g. `term = { fg = "#e5c07b", underline = true }`, with an optional top-level
//! `name`. A colour is a name (`red`, `lightblue`, `reset`, …), `"#rrggbb"`, or a number 0–255
//! of the 256-colour palette; `#rrggbb` is sent as true colour only when `COLORTERM` says the
//! terminal has it, and otherwise as the nearest palette colour. A role a file leaves out is
//! styled as in the `dark` built-in; a role it gives replaces that role's style as a whole.
//!
//! The built-ins are `themes/*.toml`, compiled in. `NO_COLOR` always means `mono`. `auto`
//! means `dark` for now: asking the terminal for its background colour is not done yet.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use ratatui::style::{Color, Modifier, Style};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::config::{ReadError, SYNTAX_HINT, finish, integer_value, read_source};
use crate::pack::diagnostic::{Diagnostic, SourceFile};
use crate::pack::fields::{Need, Reader, Table, did_you_mean};

/// The built-in themes: name and the text of their file.
const BUILTINS: [(&str, &str); 4] = [
    ("dark", include_str!("../../themes/dark.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
    ("mono", include_str!("../../themes/mono.toml")),
];

/// The names of the built-in themes.
pub const BUILTIN_NAMES: [&str; 4] = ["dark", "light", "high-contrast", "mono"];

/// Every role a theme styles, as written in theme files.
pub const ROLES: [&str; 25] = [
    "text",
    "heading",
    "emphasis",
    "strong",
    "code",
    "link",
    "quote",
    "term",
    "term_cursor",
    "match",
    "current_match",
    "selection",
    "border",
    "border_focused",
    "status",
    "hint",
    "correct",
    "wrong",
    "dim",
    "cursor",
    "important",
    "question",
    "disagree",
    "evidence",
    "note",
];

/// What a role's table may hold.
const ATTRIBUTES: [&str; 6] = ["fg", "bg", "bold", "italic", "underline", "reversed"];

const MODIFIERS: [(&str, Modifier); 4] = [
    ("bold", Modifier::BOLD),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];

/// Colour names, lower case without separators (`dark-gray` is read as `darkgray`).
const COLOR_NAMES: [(&str, Color); 19] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("grey", Color::Gray),
    ("darkgray", Color::DarkGray),
    ("darkgrey", Color::DarkGray),
    ("lightred", Color::LightRed),
    ("lightgreen", Color::LightGreen),
    ("lightyellow", Color::LightYellow),
    ("lightblue", Color::LightBlue),
    ("lightmagenta", Color::LightMagenta),
    ("lightcyan", Color::LightCyan),
    ("white", Color::White),
    ("reset", Color::Reset),
];

/// Styles by role; drawing asks for a role, never a colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The theme's name, for messages.
    pub name: String,
    /// Body text.
    pub text: Style,
    /// Headings in the article.
    pub heading: Style,
    /// `*emphasis*`.
    pub emphasis: Style,
    /// `**strong**`.
    pub strong: Style,
    /// Inline code and code blocks.
    pub code: Style,
    /// Links.
    pub link: Style,
    /// Block quotes.
    pub quote: Style,
    /// A glossary term where it occurs in the article.
    pub term: Style,
    /// The term the cursor is on.
    pub term_cursor: Style,
    /// A search match (`match` in theme files).
    pub matched: Style,
    /// The search match `n`/`N` moved to.
    pub current_match: Style,
    /// The selected item of a list.
    pub selection: Style,
    /// Pane borders.
    pub border: Style,
    /// The border of the pane with focus.
    pub border_focused: Style,
    /// The status bar.
    pub status: Style,
    /// Key hints.
    pub hint: Style,
    /// A right answer (shown with ✓ too).
    pub correct: Style,
    /// A wrong answer (shown with ✗ too).
    pub wrong: Style,
    /// Text that matters less: rules, line numbers.
    pub dim: Style,
    /// The sentence the reading cursor is on, shown lightly.
    pub cursor: Style,
    /// A passage highlighted as important.
    pub important: Style,
    /// A passage highlighted as a question.
    pub question: Style,
    /// A passage highlighted as one the reader disagrees with.
    pub disagree: Style,
    /// A passage highlighted as evidence.
    pub evidence: Style,
    /// A passage with a note and no highlight.
    pub note: Style,
}

impl Theme {
    /// The default: light text on the terminal's own dark background (`themes/dark.toml`).
    pub fn dark() -> Self {
        static DARK: OnceLock<Theme> = OnceLock::new();
        DARK.get_or_init(|| builtin_theme(0, false)).clone()
    }

    /// No colour at all, for `NO_COLOR`: only bold, italic, underline and reverse (`themes/mono.toml`).
    pub fn mono() -> Self {
        static MONO: OnceLock<Theme> = OnceLock::new();
        MONO.get_or_init(|| builtin_theme(3, false)).clone()
    }

    /// A built-in theme by name; `truecolor` as for [`downsample`].
    pub fn builtin(name: &str, truecolor: bool) -> Option<Self> {
        let index = BUILTIN_NAMES.iter().position(|n| *n == name)?;
        Some(builtin_theme(index, truecolor))
    }

    /// `mono` when the `NO_COLOR` convention asks for it, else `dark`.
    pub fn from_env() -> Self {
        if no_color_env() { Self::mono() } else { Self::dark() }
    }

    /// The style of a role by its name in theme files (`"match"`, `"term"`, …).
    pub fn role(&self, role: &str) -> Option<Style> {
        let index = ROLES.iter().position(|r| *r == role)?;
        Some(self.styles()[index])
    }

    /// Every role's style, in the order of [`ROLES`].
    fn styles(&self) -> [Style; 25] {
        [
            self.text,
            self.heading,
            self.emphasis,
            self.strong,
            self.code,
            self.link,
            self.quote,
            self.term,
            self.term_cursor,
            self.matched,
            self.current_match,
            self.selection,
            self.border,
            self.border_focused,
            self.status,
            self.hint,
            self.correct,
            self.wrong,
            self.dim,
            self.cursor,
            self.important,
            self.question,
            self.disagree,
            self.evidence,
            self.note,
        ]
    }

    /// Every role's style, mutable, in the order of [`ROLES`].
    fn slots(&mut self) -> [&mut Style; 25] {
        [
            &mut self.text,
            &mut self.heading,
            &mut self.emphasis,
            &mut self.strong,
            &mut self.code,
            &mut self.link,
            &mut self.quote,
            &mut self.term,
            &mut self.term_cursor,
            &mut self.matched,
            &mut self.current_match,
            &mut self.selection,
            &mut self.border,
            &mut self.border_focused,
            &mut self.status,
            &mut self.hint,
            &mut self.correct,
            &mut self.wrong,
            &mut self.dim,
            &mut self.cursor,
            &mut self.important,
            &mut self.question,
            &mut self.disagree,
            &mut self.evidence,
            &mut self.note,
        ]
    }

    /// Every role unstyled: the base the built-ins are read onto (they give every role).
    fn blank(name: &str) -> Self {
        let plain = Style::new();
        Self {
            name: name.to_string(),
            text: plain,
            heading: plain,
            emphasis: plain,
            strong: plain,
            code: plain,
            link: plain,
            quote: plain,
            term: plain,
            term_cursor: plain,
            matched: plain,
            current_match: plain,
            selection: plain,
            border: plain,
            border_focused: plain,
            status: plain,
            hint: plain,
            correct: plain,
            wrong: plain,
            dim: plain,
            cursor: plain,
            important: plain,
            question: plain,
            disagree: plain,
            evidence: plain,
            note: plain,
        }
    }
}

fn builtin_theme(index: usize, truecolor: bool) -> Theme {
    let (name, text) = BUILTINS[index];
    let file = Arc::new(SourceFile::new(format!("themes/{name}.toml"), text.to_string()));
    // The tests read every built-in and check that it has no problems.
    read_file(&file, Theme::blank(name), truecolor).expect("a built-in theme has problems")
}

/// True when `NO_COLOR` is set and not empty.
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// True when `COLORTERM` says the terminal shows 24-bit colour.
pub fn is_truecolor(colorterm: Option<&str>) -> bool {
    colorterm.is_some_and(|c| c.eq_ignore_ascii_case("truecolor") || c.eq_ignore_ascii_case("24bit"))
}

/// An RGB colour as the terminal can show it: itself with true colour, else the nearest
/// colour of the 256-colour palette's cube and grey ramp (16–255; 0–15 vary by terminal).
pub fn downsample(rgb: (u8, u8, u8), truecolor: bool) -> Color {
    let (r, g, b) = rgb;
    if truecolor {
        return Color::Rgb(r, g, b);
    }
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    let level = |c: u8| (0..6).min_by_key(|&i| LEVELS[i].abs_diff(c)).unwrap_or(0);
    let (ri, gi, bi) = (level(r), level(g), level(b));
    let cube = (LEVELS[ri], LEVELS[gi], LEVELS[bi]);
    // The grey nearest to a colour is the one nearest its mean.
    let mean = (u16::from(r) + u16::from(g) + u16::from(b)) / 3;
    let step = (0..24u16).min_by_key(|&i| (8 + 10 * i).abs_diff(mean)).unwrap_or(0);
    let grey = (8 + 10 * step) as u8;
    let distance = |(x, y, z): (u8, u8, u8)| {
        [(x, r), (y, g), (z, b)].iter().map(|&(p, q)| u32::from(p.abs_diff(q)).pow(2)).sum::<u32>()
    };
    if distance((grey, grey, grey)) < distance(cube) {
        Color::Indexed(232 + step as u8)
    } else {
        Color::Indexed((16 + 36 * ri + 6 * gi + bi) as u8)
    }
}

/// Why a colour string is not a colour.
#[derive(Debug, PartialEq, Eq)]
enum BadColor {
    Hex,
    Quoted(u8),
    Name(Option<&'static str>),
}

fn parse_color(text: &str, truecolor: bool) -> Result<Color, BadColor> {
    if let Some(hex) = text.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(BadColor::Hex);
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
        return Ok(downsample((channel(0), channel(2), channel(4)), truecolor));
    }
    if let Ok(number) = text.trim().parse::<u8>() {
        return Err(BadColor::Quoted(number));
    }
    let name: String = text.chars().filter(|c| !matches!(c, '-' | '_' | ' ')).collect::<String>().to_lowercase();
    match COLOR_NAMES.iter().find(|(n, _)| *n == name) {
        Some((_, color)) => Ok(*color),
        None => Err(BadColor::Name(did_you_mean(&name, &COLOR_NAMES.map(|(n, _)| n)))),
    }
}

/// Reads a theme from `text`; `path` is shown in diagnostics and names the theme when the
/// file has no `name`. Roles left out are styled as in `dark`.
pub fn parse_theme(path: &str, text: &str, truecolor: bool) -> Result<Theme, Vec<Diagnostic>> {
    let file = Arc::new(SourceFile::new(path.to_string(), text.to_string()));
    read_file(&file, Theme { name: stem(Path::new(path)), ..Theme::dark() }, truecolor)
}

/// Reads a theme file, reporting every problem with its file, line and column.
pub fn load_theme(path: &Path, truecolor: bool) -> Result<Theme, Vec<Diagnostic>> {
    match read_source(path) {
        Ok(file) => read_file(&file, Theme { name: stem(path), ..Theme::dark() }, truecolor),
        Err(ReadError::Problem(diagnostic)) => Err(vec![*diagnostic]),
        Err(ReadError::Missing) => {
            let file = Arc::new(SourceFile::new(path.display().to_string(), String::new()));
            Err(vec![
                Diagnostic::error(&file, None, "no such theme file")
                    .hint(format!("the built-in themes are {}", BUILTIN_NAMES.join(", "))),
            ])
        }
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned())
}

fn read_file(file: &Arc<SourceFile>, base: Theme, truecolor: bool) -> Result<Theme, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut theme = base;
    let mut reader = Reader::new(file, &mut diagnostics);
    if let Some(root) = reader.parse_with(&file.text, SYNTAX_HINT) {
        read_root(&mut reader, &root, &mut theme, truecolor);
    }
    finish(theme, diagnostics)
}

fn read_root(reader: &mut Reader<'_>, root: &Spanned<DeTable<'_>>, theme: &mut Theme, truecolor: bool) {
    let table = Table { table: root.get_ref(), span: root.span(), what: "theme" };
    if let Some(name) = reader.string(&table, "name", Need::Optional) {
        theme.name = name.value;
    }
    for (key, value) in root.get_ref().iter() {
        let role = key.get_ref().as_ref();
        if role == "name" {
            continue;
        }
        let Some(index) = ROLES.iter().position(|r| *r == role) else {
            let roles = ROLES.map(|r| format!("`{r}`")).join(", ");
            let hint = match did_you_mean(role, &ROLES) {
                Some(best) => format!("did you mean `{best}`? The roles are {roles}, and `name`"),
                None => format!("the roles are {roles}, and `name`"),
            };
            reader.error(key.span(), format!("unknown role `{role}`"), hint);
            continue;
        };
        if let Some(style) = read_style(reader, role, value, truecolor) {
            *theme.slots()[index] = style;
        }
    }
}

fn read_style(reader: &mut Reader<'_>, role: &str, value: &Spanned<DeValue<'_>>, truecolor: bool) -> Option<Style> {
    let Some(table) = value.get_ref().as_table() else {
        reader.error(
            value.span(),
            format!("role `{role}` should be a table of styles, found {}", a(value.get_ref().type_str())),
            format!("write it as {role} = {{ fg = \"yellow\", bold = true }}"),
        );
        return None;
    };
    let what = Table { table, span: value.span(), what: "role" };
    for (key, _) in table.iter() {
        let attribute = key.get_ref().as_ref();
        if ATTRIBUTES.contains(&attribute) {
            continue;
        }
        let known = ATTRIBUTES.map(|a| format!("`{a}`")).join(", ");
        let hint = match did_you_mean(attribute, &ATTRIBUTES) {
            Some(best) => format!("did you mean `{best}`? A role takes {known}"),
            None => format!("a role takes {known}"),
        };
        reader.error(key.span(), format!("unknown style `{attribute}` in role `{role}`"), hint);
    }
    let mut style = Style::new();
    for (key, modifier) in MODIFIERS {
        if reader.boolean(&what, key, Need::Optional).is_some_and(|b| *b.get_ref()) {
            style = style.add_modifier(modifier);
        }
    }
    if let Some(color) = table.get("fg").and_then(|v| read_color(reader, "fg", v, truecolor)) {
        style = style.fg(color);
    }
    if let Some(color) = table.get("bg").and_then(|v| read_color(reader, "bg", v, truecolor)) {
        style = style.bg(color);
    }
    Some(style)
}

fn read_color(reader: &mut Reader<'_>, key: &str, value: &Spanned<DeValue<'_>>, truecolor: bool) -> Option<Color> {
    let span = value.span();
    let forms = "a colour name, \"#rrggbb\", or a number from 0 to 255";
    if let Some(number) = integer_value(value.get_ref()) {
        return match number.and_then(|n| u8::try_from(n).ok()) {
            Some(n) => Some(Color::Indexed(n)),
            None => {
                reader.error(
                    span,
                    format!("colour number out of range in `{key}`"),
                    "the 256-colour palette is numbered from 0 to 255",
                );
                None
            }
        };
    }
    let Some(text) = value.get_ref().as_str() else {
        let found = a(value.get_ref().type_str());
        reader.error(span, format!("`{key}` should be a colour, found {found}"), format!("write {forms}"));
        return None;
    };
    let names = || COLOR_NAMES.iter().map(|(n, _)| *n).filter(|n| !n.contains("grey")).collect::<Vec<_>>().join(", ");
    match parse_color(text, truecolor) {
        Ok(color) => Some(color),
        Err(BadColor::Hex) => {
            reader.error(span, format!("`{text}` is not a colour"), "write `#` and six hex digits, as \"#e5c07b\"");
            None
        }
        Err(BadColor::Quoted(n)) => {
            reader.error(span, format!("colour number `{text}` is in quotes"), format!("write it as {key} = {n}"));
            None
        }
        Err(BadColor::Name(best)) => {
            let hint = match best {
                Some(best) => format!("did you mean `{best}`? The colour names are {}", names()),
                None => format!("write {forms}; the colour names are {}", names()),
            };
            reader.error(span, format!("unknown colour `{text}`"), hint);
            None
        }
    }
}

fn a(type_str: &str) -> String {
    match type_str {
        "integer" | "array" => format!("an {type_str}"),
        other => format!("a {other}"),
    }
}

/// Why a theme could not be chosen.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// No built-in or user theme has this name.
    #[error("{}", unknown_message(.name, .available))]
    Unknown { name: String, available: Vec<String> },
    /// The theme's file has problems, each with its place in the file.
    #[error("the theme `{name}` has problems")]
    Invalid { name: String, diagnostics: Vec<Diagnostic> },
}

fn unknown_message(name: &str, available: &[String]) -> String {
    let known: Vec<&str> = available.iter().map(String::as_str).collect();
    let guess = did_you_mean(name, &known).map_or_else(String::new, |best| format!(" (did you mean `{best}`?)"));
    format!("no theme named `{name}`{guess}; the themes are {}, or give the path of a .toml file", known.join(", "))
}

/// Chooses the theme: `NO_COLOR` (`no_color`) means `mono` whatever was asked; `auto` means
/// `dark`; a name ending in `.toml` or holding a path separator is a file; else a theme in
/// `user_theme_dir` (which may override a built-in), else a built-in. `colorterm` is the value
/// of `COLORTERM`.
pub fn resolve(
    name_or_path: &str,
    user_theme_dir: Option<&Path>,
    no_color: bool,
    colorterm: Option<&str>,
) -> Result<Theme, ThemeError> {
    if no_color {
        return Ok(Theme::mono());
    }
    let truecolor = is_truecolor(colorterm);
    let name = name_or_path.trim();
    // Querying the terminal's background (OSC 11) to pick light or dark is not done yet.
    if name == "auto" {
        return Ok(Theme::dark());
    }
    let invalid = |diagnostics| ThemeError::Invalid { name: name.to_string(), diagnostics };
    if name.ends_with(".toml") || name.contains('/') || name.contains(std::path::MAIN_SEPARATOR) {
        return load_theme(Path::new(name), truecolor).map_err(invalid);
    }
    if let Some(path) = user_theme_dir.map(|dir| dir.join(format!("{name}.toml"))).filter(|p| p.is_file()) {
        return load_theme(&path, truecolor).map_err(invalid);
    }
    Theme::builtin(name, truecolor)
        .ok_or_else(|| ThemeError::Unknown { name: name.to_string(), available: available(user_theme_dir) })
}

/// The names a theme can be chosen by: the built-ins, `auto` (dark or light from the
/// terminal's background), then the user's own, sorted.
pub fn available(user_theme_dir: Option<&Path>) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN_NAMES.iter().map(|n| n.to_string()).collect();
    names.push("auto".to_string());
    let mut user: Vec<String> = user_theme_dir
        .and_then(|dir| std::fs::read_dir(dir).ok())
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml") && path.is_file())
        .map(|path| stem(&path))
        .filter(|name| !names.contains(name))
        .collect();
    user.sort();
    names.append(&mut user);
    names
}

/// Where the user's own themes live: `themes/` in the config directory.
pub fn user_theme_dir() -> Option<PathBuf> {
    super::config::dir().map(|dir| dir.join("themes"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<(String, Option<(usize, usize)>)> {
        parse_theme("t.toml", text, true).unwrap_err().iter().map(|d| (d.message.clone(), d.line_col())).collect()
    }

    fn hints(text: &str) -> Vec<String> {
        parse_theme("t.toml", text, true).unwrap_err().into_iter().filter_map(|d| d.hint).collect()
    }

    #[test]
    fn builtins_have_no_problems_and_give_every_role() {
        for (name, text) in BUILTINS {
            let file = Arc::new(SourceFile::new(format!("themes/{name}.toml"), text.to_string()));
            for truecolor in [false, true] {
                let theme = read_file(&file, Theme::blank(name), truecolor).unwrap();
                assert_eq!(theme.name, name);
            }
            let root = DeTable::parse(text).unwrap();
            for role in ROLES {
                assert!(root.get_ref().contains_key(role), "{name} lacks `{role}`");
            }
        }
        assert_eq!(BUILTINS.map(|(n, _)| n), BUILTIN_NAMES);
    }

    #[test]
    fn dark_and_mono_are_their_files() {
        assert_eq!(Theme::dark(), parse_theme("dark.toml", BUILTINS[0].1, false).unwrap());
        assert_eq!(Theme::dark(), parse_theme("dark.toml", BUILTINS[0].1, true).unwrap());
        assert_eq!(Theme::mono(), parse_theme("mono.toml", BUILTINS[3].1, false).unwrap());
        assert_eq!(Theme::builtin("mono", true), Some(Theme::mono()));
        assert_eq!(Theme::dark().heading, Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD));
        assert_eq!(Theme::dark().status, Style::new().fg(Color::Black).bg(Color::Gray));
    }

    #[test]
    fn mono_has_no_colour() {
        for style in Theme::mono().styles() {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
    }

    #[test]
    fn colour_is_never_the_only_signal() {
        for name in BUILTIN_NAMES {
            let theme = Theme::builtin(name, false).unwrap();
            let marks = |s: Style| s.add_modifier;
            assert!(marks(theme.term).contains(Modifier::UNDERLINED), "{name}: term");
            assert!(marks(theme.matched).intersects(Modifier::REVERSED | Modifier::BOLD), "{name}: match");
            assert_ne!(marks(theme.correct), marks(theme.wrong), "{name}: correct and wrong");
            assert_ne!(marks(theme.matched), marks(theme.current_match), "{name}: match and current match");
            assert_ne!(marks(theme.term), marks(theme.term_cursor), "{name}: term and term cursor");
        }
    }

    #[test]
    fn roles_left_out_fall_back_to_dark() {
        let theme = parse_theme("mine.toml", "term = { fg = \"#e5c07b\", underline = true }\n", true).unwrap();
        assert_eq!(theme.name, "mine");
        assert_eq!(theme.term, Style::new().fg(Color::Rgb(0xe5, 0xc0, 0x7b)).add_modifier(Modifier::UNDERLINED));
        assert_eq!(theme.heading, Theme::dark().heading);
        assert_eq!(Theme { term: Theme::dark().term, name: "dark".into(), ..theme }, Theme::dark());
    }

    #[test]
    fn reads_every_form_of_colour() {
        let text =
            "name = \"Mine\"\n[match]\nfg = 208\nbg = \"Light-Blue\"\nreversed = true\n[status]\nfg = \"#FFFFFF\"\n";
        let theme = parse_theme("x.toml", text, false).unwrap();
        assert_eq!(theme.name, "Mine");
        assert_eq!(theme.role("match"), Some(theme.matched));
        assert_eq!(
            theme.matched,
            Style::new().fg(Color::Indexed(208)).bg(Color::LightBlue).add_modifier(Modifier::REVERSED)
        );
        assert_eq!(theme.status, Style::new().fg(Color::Indexed(231)));
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let text = concat!(
            "trem = { underline = true }\n",
            "heading = { fg = \"yelow\", bolt = true }\n",
            "code = { fg = \"#12345g\", bg = 300 }\n",
            "link = { italic = \"yes\", fg = true }\n",
            "quote = \"gray\"\n",
            "dim = { fg = \"purple\", bg = \"42\" }\n",
        );
        assert_eq!(
            errors(text),
            [
                ("unknown role `trem`".to_string(), Some((1, 1))),
                ("unknown colour `yelow`".to_string(), Some((2, 18))),
                ("unknown style `bolt` in role `heading`".to_string(), Some((2, 27))),
                ("`#12345g` is not a colour".to_string(), Some((3, 15))),
                ("colour number out of range in `bg`".to_string(), Some((3, 31))),
                ("`italic` should be true or false, found a string".to_string(), Some((4, 19))),
                ("`fg` should be a colour, found a boolean".to_string(), Some((4, 31))),
                ("role `quote` should be a table of styles, found a string".to_string(), Some((5, 9))),
                ("unknown colour `purple`".to_string(), Some((6, 14))),
                ("colour number `42` is in quotes".to_string(), Some((6, 29))),
            ]
        );
        let hints = hints(text);
        assert!(hints[0].starts_with("did you mean `term`?"), "{}", hints[0]);
        assert!(hints[1].starts_with("did you mean `yellow`?"), "{}", hints[1]);
        assert!(hints[2].starts_with("did you mean `bold`?"), "{}", hints[2]);
        assert_eq!(hints[9], "write it as bg = 42");
    }

    #[test]
    fn reports_syntax_and_negative_numbers() {
        let found = errors("text = { fg = \"red\" \n");
        assert!(found[0].0.starts_with("TOML syntax"), "{found:?}");
        assert_eq!(errors("text = { fg = -1 }"), [("colour number out of range in `fg`".to_string(), Some((1, 15)))]);
    }

    #[test]
    fn downsamples_to_the_nearest_palette_colour() {
        assert_eq!(downsample((1, 2, 3), true), Color::Rgb(1, 2, 3));
        assert_eq!(downsample((0, 0, 0), false), Color::Indexed(16));
        assert_eq!(downsample((255, 255, 255), false), Color::Indexed(231));
        assert_eq!(downsample((255, 0, 0), false), Color::Indexed(196));
        assert_eq!(downsample((0x5f, 0x87, 0xaf), false), Color::Indexed(67));
        assert_eq!(downsample((0xe5, 0xc0, 0x7b), false), Color::Indexed(180));
        // Greys go to the grey ramp, which is finer than the cube's greys.
        assert_eq!(downsample((128, 128, 128), false), Color::Indexed(244));
        assert_eq!(downsample((0x30, 0x32, 0x2f), false), Color::Indexed(236));
        assert_eq!(downsample((238, 238, 238), false), Color::Indexed(255));
    }

    #[test]
    fn every_palette_colour_maps_to_itself() {
        let level = |i: usize| [0u8, 95, 135, 175, 215, 255][i];
        for index in 16..=255u8 {
            let rgb = if index >= 232 {
                let v = 8 + 10 * (index - 232);
                (v, v, v)
            } else {
                let i = usize::from(index - 16);
                (level(i / 36), level(i / 6 % 6), level(i % 6))
            };
            assert_eq!(downsample(rgb, false), Color::Indexed(index), "{rgb:?}");
        }
    }

    #[test]
    fn truecolor_follows_colorterm() {
        assert!(is_truecolor(Some("truecolor")));
        assert!(is_truecolor(Some("24bit")));
        assert!(!is_truecolor(Some("")));
        assert!(!is_truecolor(Some("256")));
        assert!(!is_truecolor(None));
        let light = Theme::builtin("light", false).unwrap();
        assert_eq!(light.heading.fg, Some(Color::Indexed(24)));
        let light = resolve("light", None, false, Some("truecolor")).unwrap();
        assert_eq!(light.heading.fg, Some(Color::Rgb(0x00, 0x5f, 0x87)));
    }

    #[test]
    fn resolves_names_paths_and_no_color() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sepia.toml"), "text = { fg = \"#704214\" }\n").unwrap();
        std::fs::write(dir.path().join("dark.toml"), "name = \"my dark\"\n").unwrap();
        let user = Some(dir.path());

        assert_eq!(resolve("light", user, true, None).unwrap(), Theme::mono());
        assert_eq!(resolve("auto", None, false, None).unwrap(), Theme::dark());
        assert_eq!(resolve("mono", user, false, None).unwrap(), Theme::mono());
        assert_eq!(resolve("sepia", user, false, None).unwrap().text.fg, Some(Color::Indexed(58)));
        assert_eq!(resolve("dark", user, false, None).unwrap().name, "my dark");
        let path = dir.path().join("sepia.toml");
        assert_eq!(resolve(path.to_str().unwrap(), None, false, Some("24bit")).unwrap().name, "sepia");
        assert_eq!(available(user), ["dark", "light", "high-contrast", "mono", "auto", "sepia"]);

        let error = resolve("ligth", user, false, None).unwrap_err();
        assert_eq!(
            error.to_string(),
            "no theme named `ligth` (did you mean `light`?); the themes are dark, light, high-contrast, mono, auto, \
             sepia, or give the path of a .toml file"
        );
    }

    #[test]
    fn a_bad_or_missing_theme_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.toml");
        std::fs::write(&path, "text = { fg = \"nope\" }\n").unwrap();
        let Err(ThemeError::Invalid { diagnostics, .. }) = resolve(path.to_str().unwrap(), None, false, None) else {
            panic!("expected problems");
        };
        assert_eq!(diagnostics[0].file.path, path.display().to_string());
        assert_eq!(diagnostics[0].line_col(), Some((1, 15)));
        let missing = dir.path().join("gone.toml");
        let Err(ThemeError::Invalid { diagnostics, .. }) = resolve(missing.to_str().unwrap(), None, false, None) else {
            panic!("expected problems");
        };
        assert_eq!(diagnostics[0].message, "no such theme file");
    }
}
