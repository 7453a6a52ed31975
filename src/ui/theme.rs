//! Semantic styles: what each kind of text looks like, in one place.

use ratatui::style::{Color, Modifier, Style};

/// Styles by role; drawing asks for a role, never a colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub heading: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub code: Style,
    pub link: Style,
    pub quote: Style,
    pub dim: Style,
    pub border: Style,
    pub status: Style,
    pub hint: Style,
}

impl Theme {
    /// The default: light text on the terminal's own dark background.
    pub fn dark() -> Self {
        Self {
            text: Style::new(),
            heading: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: Style::new().add_modifier(Modifier::BOLD),
            code: Style::new().fg(Color::LightGreen),
            link: Style::new().fg(Color::LightBlue).add_modifier(Modifier::UNDERLINED),
            quote: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            dim: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            hint: Style::new().fg(Color::Gray),
        }
    }

    /// No colour at all, for `NO_COLOR`: only bold, italic, underline and reverse.
    pub fn mono() -> Self {
        let plain = Style::new();
        Self {
            text: plain,
            heading: plain.add_modifier(Modifier::BOLD),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            strong: plain.add_modifier(Modifier::BOLD),
            code: plain,
            link: plain.add_modifier(Modifier::UNDERLINED),
            quote: plain.add_modifier(Modifier::ITALIC),
            dim: plain,
            border: plain,
            status: plain.add_modifier(Modifier::REVERSED),
            hint: plain,
        }
    }

    /// `mono` when the `NO_COLOR` convention asks for it, else `dark`.
    pub fn from_env() -> Self {
        match std::env::var_os("NO_COLOR") {
            Some(v) if !v.is_empty() => Self::mono(),
            _ => Self::dark(),
        }
    }
}
