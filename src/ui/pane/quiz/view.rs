//! The quiz pane's drawing. A question, a verdict and a summary are each one sheet, set at
//! the pane's width, that scrolls; clicks read the same sheet, so they land on the option
//! drawn there. Between sittings the pane lists the questions over a 30-day chart.

use jiff::civil::Date;
use ratatui::buffer::Buffer;
use ratatui::layout::{Direction, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{Answer, QuizView, Stage, marker, options};
use crate::pack::Pack;
use crate::pack::model::{ClozePart, Kind};
use crate::study::answer::{OptionMark, almost_note, duration, option_marks, partial, response_text, right_answer};
use crate::study::deck::{Counts, Item, Mode};
use crate::study::grade::{Response, Verdict};
use crate::study::schedule::{Card, Outcome};
use crate::study::session::{Sitting, Summary};
use crate::ui::keymap::{self, Table};
use crate::ui::layout::cut;
use crate::ui::sheet::{Sheet, truncate};
use crate::ui::theme::Theme;

/// What a click on a row of the quiz sheet does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Option `n` (display position, from 0).
    Option(usize),
    True,
    False,
    /// Shows a card's back.
    Reveal,
    /// Missed item `n` of the summary.
    Missed(usize),
}

/// What the quiz pane reads besides its own state.
pub struct Context<'a> {
    pub pack: &'a Pack,
    pub theme: &'a Theme,
    pub counts: Counts,
    /// Reviews per day over the last 30 days, and the share recalled.
    pub history: &'a (Vec<u64>, Option<f64>),
    pub today: Date,
    pub cards: &'a std::collections::BTreeMap<String, Card>,
}

/// The counts line: what is due, what is new, what has been seen and what is known. A
/// narrow pane wraps it between counts, never inside one (the spaces within are
/// no-break spaces).
fn header(sheet: &mut Sheet<Tag>, counts: Counts, theme: &Theme) {
    let text = format!(
        "due\u{a0}{} · new\u{a0}{} · seen\u{a0}{}/{} · known\u{a0}{}",
        counts.due, counts.new, counts.seen, counts.total, counts.known
    );
    sheet.text(&text, theme.strong);
}

/// A hint line made from a table's key bar labels: `Enter answer · o look · Esc end`.
pub fn hint(table: &'static Table) -> String {
    keymap::bar(keymap::Keys::only(table))
        .into_iter()
        .map(|(keys, label)| format!("{keys} {label}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The sheet of a sitting's stage (or the scope menu), set at `width`; `None` while browsing.
pub fn sheet(quiz: &QuizView, cx: &Context<'_>, width: usize) -> Option<Sheet<Tag>> {
    let mut sheet = Sheet::new(width);
    header(&mut sheet, cx.counts, cx.theme);
    match (&quiz.stage, &quiz.sitting) {
        (Stage::Scope, _) => scope(quiz, cx, &mut sheet),
        (Stage::Asking(answer), Some(sitting)) => asking(cx, sitting, answer, &mut sheet),
        (Stage::Answered { verdict, response }, Some(sitting)) => answered(cx, sitting, verdict, response, &mut sheet),
        (Stage::Done { summary, selected }, _) => done(cx, summary, *selected, &mut sheet),
        _ => return None,
    }
    Some(sheet)
}

fn scope(quiz: &QuizView, cx: &Context<'_>, sheet: &mut Sheet<Tag>) {
    let theme = cx.theme;
    sheet.blank();
    sheet.text("Quiz yourself on:", theme.heading);
    if let Some(saved) = &quiz.saved {
        for binding in keymap::RESUME.bindings {
            let keys = keymap::key_names(binding);
            let text = format!("the sitting left at {} of {}", saved.index + 1, saved.items.len());
            sheet.hanging(&[(&format!("{keys}  "), theme.strong), (&text, theme.text)], keys.len() + 2, None);
        }
    }
    for binding in keymap::SCOPE.bindings {
        let keys = keymap::key_names(binding);
        sheet.hanging(&[(&format!("{keys}  "), theme.strong), (binding.help, theme.text)], keys.len() + 2, None);
    }
}

fn title(cx: &Context<'_>, sitting: &Sitting) -> String {
    let kind = match sitting.current() {
        Some(Item::Question(q)) => cx.pack.questions[q].kind.name(),
        Some(Item::Term(_)) => "term",
        None => "",
    };
    let mode = match sitting.mode {
        Mode::Quiz => "Quiz",
        Mode::Review => "Review",
        Mode::Missed => "Missed",
    };
    format!("{mode} · {} of {} · {kind}", sitting.index + 1, sitting.items.len())
}

/// The question's prompt (a term card shows its term).
fn prompt<'a>(cx: &Context<'a>, item: Item) -> &'a str {
    match item {
        Item::Question(q) => cx.pack.questions[q].prompt.as_str(),
        Item::Term(t) => cx.pack.terms[t].term.as_str(),
    }
}

fn asking(cx: &Context<'_>, sitting: &Sitting, answer: &Answer, sheet: &mut Sheet<Tag>) {
    let theme = cx.theme;
    let Some(item) = sitting.current() else { return };
    sheet.text(&title(cx, sitting), theme.dim);
    sheet.text(prompt(cx, item), theme.heading);
    sheet.blank();
    let shown = options(cx.pack, sitting, answer);
    let count = shown.len();
    for (n, text) in shown.into_iter().enumerate() {
        let lead = marker(answer, n, count);
        let style = if answer.cursor() == Some(n) { theme.selection } else { theme.text };
        let indent = crate::text::wrap::width(&lead);
        sheet.hanging(&[(&lead, style), (text, style)], indent, Some(Tag::Option(n)));
    }
    let kind = match item {
        Item::Question(q) => Some(&cx.pack.questions[q].kind),
        Item::Term(_) => None,
    };
    match (answer, kind) {
        (Answer::TrueFalse, _) => {
            sheet.spans(&[(" t ", theme.strong), ("true", theme.text)], Some(Tag::True));
            sheet.spans(&[(" f ", theme.strong), ("false", theme.text)], Some(Tag::False));
        }
        (Answer::Text(field), _) => {
            sheet.spans(&[("> ", theme.dim), (&field.with_cursor(), theme.text)], None);
        }
        (Answer::Cloze { gaps, current }, Some(Kind::Cloze { parts })) => {
            let mut pieces: Vec<(String, Style)> = Vec::new();
            let mut gap = 0;
            for part in parts {
                match part {
                    ClozePart::Text(t) => pieces.push((t.clone(), theme.text)),
                    ClozePart::Gap(_) => {
                        let typed = &gaps[gap];
                        if gap == *current {
                            pieces.push((format!("[{}]", typed.with_cursor()), theme.selection));
                        } else if typed.is_empty() {
                            pieces.push((format!("[{} ___]", gap + 1), theme.link));
                        } else {
                            pieces.push((format!("[{}]", typed.text()), theme.link));
                        }
                        gap += 1;
                    }
                }
            }
            let pieces: Vec<(&str, Style)> = pieces.iter().map(|(s, st)| (s.as_str(), *st)).collect();
            sheet.spans(&pieces, None);
            sheet.blank();
            let tab = keymap::key_for(&keymap::FIELD, crate::ui::action::Action::NextField(1));
            sheet.text(&format!("gap {} of {}: {tab} moves between gaps", current + 1, gaps.len()), theme.hint);
        }
        (Answer::Card { revealed: true }, _) => {
            let back = match (item, kind) {
                (Item::Term(t), _) => cx.pack.terms[t].definition.as_str(),
                (_, Some(Kind::Card { back })) => back.as_str(),
                _ => "",
            };
            sheet.text(back, theme.text);
            sheet.blank();
            sheet.text("How well did you know it?", theme.hint);
        }
        (Answer::Card { revealed: false }, _) => {
            sheet.spans(&[("Recall the answer, then show it.", theme.hint)], Some(Tag::Reveal));
        }
        _ => {}
    }
    if sitting.looked() {
        sheet.text("You looked at the passage: this answer counts as Hard at most.", theme.hint);
    }
    sheet.blank();
    sheet.text(&hint(answer.table()), theme.hint);
}

fn mark_of(mark: OptionMark) -> &'static str {
    match mark {
        OptionMark::Right => "✓",
        OptionMark::Wrong => "✗",
        OptionMark::Missed => "○",
        OptionMark::Blank => " ",
    }
}

fn answered(cx: &Context<'_>, sitting: &Sitting, verdict: &Verdict, response: &Response, sheet: &mut Sheet<Tag>) {
    let theme = cx.theme;
    let Some(item) = sitting.current() else { return };
    sheet.text(&title(cx, sitting), theme.dim);
    sheet.text(prompt(cx, item), theme.heading);
    sheet.blank();
    let is_card = crate::study::deck::is_card(cx.pack, item);
    match verdict {
        Verdict::Right => sheet.text(if is_card { "✓ Known" } else { "✓ Right" }, theme.correct),
        Verdict::Almost { .. } => {
            let note = almost_note(cx.pack, item, response, verdict);
            let text = match note {
                Some(note) if is_card => format!("≈ {note}"),
                Some(note) => format!("≈ Almost: {note}"),
                None => "≈ Almost".to_string(),
            };
            sheet.text(&text, theme.correct);
        }
        Verdict::Wrong if is_card => sheet.text("✗ Not yet", theme.wrong),
        Verdict::Wrong => {
            sheet.text(&format!("✗ Not quite. The answer: {}", right_answer(cx.pack, item)), theme.wrong);
        }
    }
    if let Item::Question(q) = item {
        let kind = &cx.pack.questions[q].kind;
        let marks = option_marks(kind, response);
        if !marks.is_empty() {
            let shown: Vec<(usize, &str)> = match (kind, response) {
                (Kind::Choice { choices, .. } | Kind::Multi { choices, .. }, _) => {
                    sitting.shown.order.iter().map(|&i| (i, choices[i].as_str())).collect()
                }
                (Kind::Order { items }, Response::Order(order)) => {
                    order.iter().enumerate().map(|(place, &i)| (place, items[i].as_str())).collect()
                }
                _ => Vec::new(),
            };
            sheet.blank();
            sheet.text(if matches!(kind, Kind::Order { .. }) { "Your order:" } else { "Your answer:" }, theme.dim);
            for (n, (index, text)) in shown.into_iter().enumerate() {
                let mark = marks.get(index).copied().unwrap_or(OptionMark::Blank);
                let style = match mark {
                    OptionMark::Right => theme.correct,
                    OptionMark::Wrong | OptionMark::Missed => theme.wrong,
                    OptionMark::Blank => theme.text,
                };
                let lead = format!("{} {}) ", mark_of(mark), n + 1);
                let indent = crate::text::wrap::width(&lead);
                sheet.hanging(&[(&lead, style), (text, theme.text)], indent, None);
            }
            if let Some((right, of)) = partial(kind, response) {
                sheet.text(&format!("{right} of {of} right"), theme.strong);
            }
            if matches!(kind, Kind::Multi { .. }) {
                sheet.text("✓ chosen and right  ✗ chosen and wrong  ○ missed", theme.hint);
            }
        } else if !is_card && let Some(given) = response_text(cx.pack, item, response) {
            let verb = if matches!(kind, Kind::Text { .. } | Kind::Cloze { .. }) { "you wrote" } else { "you chose" };
            sheet.text(&format!("{verb}: {given}"), theme.dim);
        }
    }
    if sitting.looked() {
        sheet.text("You looked at the passage first: counted as Hard at most.", theme.hint);
    }
    if let Item::Question(q) = item {
        let question = &cx.pack.questions[q];
        if let Some(explain) = &question.explain {
            sheet.blank();
            sheet.text(explain, theme.text);
        }
        if let Some(anchor) = question.reference.as_ref().and_then(|r| r.anchor.as_ref()) {
            let paragraph =
                cx.pack.article.paragraph_number(anchor.block).map(|n| format!(" ¶ {n}")).unwrap_or_default();
            sheet.blank();
            sheet.text(&format!("The passage{paragraph} is highlighted in the article."), theme.hint);
        }
    }
    sheet.blank();
    sheet.text(&hint(&keymap::ANSWERED), theme.hint);
}

fn done(cx: &Context<'_>, summary: &Summary, selected: usize, sheet: &mut Sheet<Tag>) {
    let theme = cx.theme;
    let score = summary.score();
    sheet.text(&format!("Score {score}/{} · {}", summary.asked, duration(summary.seconds)), theme.heading);
    if summary.almost > 0 {
        sheet.text(&format!("Almost right, counted in the score: {}", summary.almost), theme.text);
    }
    if summary.looked_up > 0 {
        sheet.text(&format!("Looked up before answering (Hard at most): {}", summary.looked_up), theme.text);
    }
    sheet.blank();
    for (kind, (right, asked)) in &summary.by_kind {
        sheet.text(&format!("  {kind:<10} {right}/{asked}"), theme.text);
    }
    if !summary.missed.is_empty() {
        sheet.blank();
        let key = keymap::key_for(&keymap::SUMMARY, crate::ui::action::Action::Activate);
        sheet.text(&format!("Missed ({key} shows the passage):"), theme.strong);
        for (i, item) in summary.missed.iter().enumerate() {
            let text = prompt(cx, *item);
            let style = if i == selected { theme.selection } else { theme.text };
            let lead = if i == selected { "▸ " } else { "  " };
            sheet.hanging(&[(lead, style), (text, style)], 2, Some(Tag::Missed(i)));
        }
    }
    sheet.blank();
    sheet.text(&format!("Due tomorrow: {}", summary.due_tomorrow), theme.text);
    sheet.text(&hint(&keymap::SUMMARY), theme.hint);
}

fn mark(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        Some(Outcome::Right) => "✓ ",
        Some(Outcome::Almost) => "≈ ",
        Some(Outcome::Wrong) => "✗ ",
        None => "· ",
    }
}

/// Where the parts of the browsing pane go: the counts and keys, the list, the chart.
/// The chart takes its room only when the list keeps four rows; else only its figures
/// show, and below that nothing.
pub fn browse_areas(cx: &Context<'_>, area: Rect) -> [Rect; 3] {
    let head = u16::try_from(browse_head(cx, usize::from(area.width)).len()).unwrap_or(1);
    let (label, bars) = history(cx, usize::from(area.width));
    let list_room = |chart: usize| usize::from(area.height).saturating_sub(usize::from(head) + chart);
    let chart = if list_room(label.len() + bars.len()) >= 4 {
        label.len() + bars.len()
    } else if list_room(label.len()) >= 4 {
        label.len()
    } else {
        0
    };
    let chart = u16::try_from(chart).unwrap_or(0);
    cut(area, Direction::Vertical, [Some(head), None, Some(chart)])
}

/// The counts and the keys over the list of questions, each wrapped.
fn browse_head(cx: &Context<'_>, width: usize) -> Sheet<Tag> {
    let mut head = Sheet::new(width);
    header(&mut head, cx.counts, cx.theme);
    head.text(&hint(&keymap::QUIZ), cx.theme.hint);
    head
}

/// The questions and their last outcome, over the 30-day chart.
pub struct BrowsePane<'a> {
    pub quiz: &'a QuizView,
    pub cx: Context<'a>,
}

impl Widget for BrowsePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let cx = &self.cx;
        let theme = cx.theme;
        if cx.pack.questions.is_empty() && cx.pack.terms.is_empty() {
            Paragraph::new(Line::styled("This pack has no quiz.", theme.dim)).render(area, buf);
            return;
        }
        let [head, list, chart] = browse_areas(cx, area);
        browse_head(cx, usize::from(area.width)).view(0).render(head, buf);
        let height = usize::from(list.height).max(1);
        let selected = self.quiz.selected;
        let first = selected.saturating_sub(height - 1);
        let width = usize::from(list.width).saturating_sub(15);
        let lines: Vec<Line<'_>> = cx
            .pack
            .questions
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, q)| {
                let last = cx.cards.get(&q.id).and_then(|c| c.last);
                let outcome_style = match last {
                    Some(Outcome::Right) => theme.correct,
                    Some(Outcome::Wrong) => theme.wrong,
                    _ => theme.dim,
                };
                let line = Line::from(vec![
                    Span::raw(if i == selected { "▸ " } else { "  " }),
                    Span::styled(mark(last), outcome_style),
                    Span::styled(format!("{:<10} ", if q.draft { "draft" } else { q.kind.name() }), theme.dim),
                    Span::raw(truncate(&q.prompt, width)),
                ]);
                if i == selected { line.style(theme.selection) } else { line }
            })
            .collect();
        crate::ui::rows::render(&lines, list, buf);
        if chart.height > 0 {
            let (label, bars) = history(cx, usize::from(chart.width));
            crate::ui::rows::render(&label.into_iter().chain(bars).collect::<Vec<_>>(), chart, buf);
        }
    }
}

/// Reviews per day over the last 30 days (as many of the last days as `width` holds): the
/// figures and the scale, wrapped; then a row of bars and the dates under its ends, today
/// marked.
pub fn history(cx: &Context<'_>, width: usize) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let theme = cx.theme;
    let days = cx.history.0.len().min(width.max(1));
    let per_day = &cx.history.0[cx.history.0.len() - days..];
    let total: u64 = cx.history.0.iter().sum();
    let most = per_day.iter().copied().max().unwrap_or(0);
    let all = cx.history.0.len();
    let figures = match cx.history.1 {
        Some(r) => {
            let reviews = if total == 1 { "review" } else { "reviews" };
            let shown = if days < all { format!(" (the last {days} drawn)") } else { String::new() };
            format!("{all} days{shown}: {total} {reviews}, {:.0}% recalled; the tallest bar is {most}", r * 100.0)
        }
        None => format!("{all} days: no reviews yet"),
    };
    let mut label = Sheet::<Tag>::new(width);
    label.text(&figures, theme.dim);
    let label = (0..label.len()).filter_map(|i| label.line(i)).collect();
    const BARS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let bars: String = per_day
        .iter()
        .map(|&n| if n == 0 { '·' } else { BARS[((n * 8).div_ceil(most.max(1)) as usize).clamp(1, 8)] })
        .collect();
    let start = cx.today.checked_sub(jiff::Span::new().days(days as i64 - 1)).unwrap_or(cx.today);
    let from = start.strftime("%b %-d").to_string();
    let end = "today▲";
    let axis = match days.checked_sub(from.chars().count() + end.chars().count()) {
        Some(gap) => format!("{from}{}{end}", " ".repeat(gap)),
        None => format!("{}{end}", " ".repeat(days.saturating_sub(end.chars().count()))),
    };
    (label, vec![Line::styled(bars, theme.link), Line::styled(axis, theme.dim)])
}
