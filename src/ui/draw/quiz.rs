//! The quiz pane: the questions and your record while browsing; the question, your answer
//! and the verdict while asking; the summary at the end.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline, Wrap};

use super::truncate;
use crate::pack::model::{ClozePart, Kind};
use crate::plain::{duration, right_answer};
use crate::study::deck::{Item, Mode};
use crate::study::grade::Verdict;
use crate::study::schedule::Outcome;
use crate::study::session::{Sitting, Summary};
use crate::ui::app::App;
use crate::ui::quiz::{Answer, Stage, sheet};

/// Draws the quiz pane into `area`.
pub fn draw(app: &App, area: Rect, frame: &mut Frame<'_>) {
    if app.pack.questions.is_empty() && app.pack.terms.is_empty() {
        frame.render_widget(Paragraph::new(Line::styled("This pack has no quiz.", app.theme.dim)), area);
        return;
    }
    let counts = app.counts;
    let header = Line::from(vec![Span::styled(
        format!("due {} · new {} · learned {}/{}", counts.due, counts.new, counts.learned, counts.total),
        app.theme.strong,
    )]);
    frame.render_widget(Paragraph::new(header), Rect { height: 1.min(area.height), ..area });
    let body = Rect { y: area.y + 1.min(area.height), height: area.height.saturating_sub(1), ..area };
    match (&app.quiz.stage, &app.quiz.sitting) {
        (Stage::Asking(answer), Some(sitting)) => asking(app, sitting, answer, body, frame),
        (Stage::Answered(verdict), Some(sitting)) => answered(app, sitting, verdict, body, frame),
        (Stage::Done { summary, selected }, _) => done(app, summary, *selected, body, frame),
        _ => browse(app, body, frame),
    }
}

fn mark(outcome: Option<Outcome>) -> Span<'static> {
    match outcome {
        Some(Outcome::Right) => Span::raw("✓ "),
        Some(Outcome::Almost) => Span::raw("≈ "),
        Some(Outcome::Wrong) => Span::raw("✗ "),
        None => Span::raw("· "),
    }
}

fn browse(app: &App, area: Rect, frame: &mut Frame<'_>) {
    let theme = &app.theme;
    let chart = if area.height >= 14 { 4 } else { 0 };
    let hint_line = Line::from(vec![
        Span::styled(" s ", theme.strong),
        Span::styled("quiz  ", theme.hint),
        Span::styled(" r ", theme.strong),
        Span::styled("review  ", theme.hint),
        Span::styled(" m ", theme.strong),
        Span::styled("missed", theme.hint),
    ]);
    frame.render_widget(Paragraph::new(hint_line), Rect { height: 1.min(area.height), ..area });
    let list_area = Rect { y: area.y + 1.min(area.height), height: area.height.saturating_sub(1 + chart), ..area };
    let height = usize::from(list_area.height).max(1);
    let selected = app.quiz.selected;
    let first = selected.saturating_sub(height - 1);
    let width = usize::from(list_area.width).saturating_sub(15);
    let lines: Vec<Line<'_>> = app
        .pack
        .questions
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, q)| {
            let last = app.cards.get(&q.id).and_then(|c| c.last);
            let outcome_style = match last {
                Some(Outcome::Right) => theme.correct,
                Some(Outcome::Wrong) => theme.wrong,
                _ => theme.dim,
            };
            let line = Line::from(vec![
                Span::raw(if i == selected { "▸ " } else { "  " }),
                Span::styled(mark(last).content, outcome_style),
                Span::styled(format!("{:<10} ", q.kind.name()), theme.dim),
                Span::raw(truncate(&q.prompt, width)),
            ]);
            if i == selected { line.style(theme.selection) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list_area);
    if chart > 0 {
        let chart_area = Rect { y: list_area.bottom(), height: chart, ..area };
        history(app, chart_area, frame);
    }
}

/// Reviews per day over the last 30 days, and retention.
fn history(app: &App, area: Rect, frame: &mut Frame<'_>) {
    let (per_day, retention) = (&app.history.0, app.history.1);
    let total: u64 = per_day.iter().sum();
    let label = match retention {
        Some(r) => {
            let reviews = if total == 1 { "review" } else { "reviews" };
            format!("30 days: {total} {reviews}, {:.0}% recalled", r * 100.0)
        }
        None => "30 days: no reviews yet".to_string(),
    };
    frame.render_widget(Paragraph::new(Line::styled(label, app.theme.dim)), Rect { height: 1, ..area });
    let spark = Rect { y: area.y + 1, height: area.height.saturating_sub(1), width: area.width.min(30), ..area };
    frame.render_widget(Sparkline::default().data(per_day).style(app.theme.link), spark);
}

fn title(app: &App, sitting: &Sitting) -> Line<'static> {
    let item = sitting.current();
    let kind = match item {
        Some(Item::Question(q)) => app.pack.questions[q].kind.name(),
        Some(Item::Term(_)) => "term",
        None => "",
    };
    let mode = match sitting.mode {
        Mode::Quiz => "Quiz",
        Mode::Review => "Review",
        Mode::Missed => "Missed",
    };
    Line::styled(format!("{mode} · {} of {} · {kind}", sitting.index + 1, sitting.items.len()), app.theme.dim)
}

/// The question's prompt (a term card shows its term).
fn prompt(app: &App, item: Item) -> Line<'_> {
    match item {
        Item::Question(q) => Line::styled(app.pack.questions[q].prompt.as_str(), app.theme.heading),
        Item::Term(t) => Line::styled(app.pack.terms[t].term.as_str(), app.theme.heading),
    }
}

fn asking(app: &App, sitting: &Sitting, answer: &Answer, area: Rect, frame: &mut Frame<'_>) {
    let theme = &app.theme;
    let Some(item) = sitting.current() else { return };
    // The prompt and the options are set by `sheet`, which mouse clicks use too.
    let (prompt, options) = sheet(&app.pack, sitting, answer, usize::from(area.width));
    let mut lines = vec![title(app, sitting)];
    lines.extend(prompt.into_iter().map(|l| Line::styled(l, theme.heading)));
    lines.push(Line::default());
    let selected = match answer {
        Answer::Choice { cursor } | Answer::Multi { cursor, .. } | Answer::Order { cursor, .. } => Some(*cursor),
        _ => None,
    };
    for (n, option) in options.into_iter().enumerate() {
        let style = if selected == Some(n) { theme.selection } else { theme.text };
        lines.extend(option.into_iter().map(|l| Line::styled(l, style)));
    }
    let kind = match item {
        Item::Question(q) => Some(&app.pack.questions[q].kind),
        Item::Term(_) => None,
    };
    let mut rest: Vec<Line<'_>> = Vec::new();
    match (answer, kind) {
        (Answer::Choice { .. }, _) => {
            rest.push(Line::default());
            rest.push(Line::styled("1-9 or a click answers; or j k and Enter", theme.hint));
        }
        (Answer::Multi { .. }, _) => {
            rest.push(Line::default());
            rest.push(Line::styled("Space, 1-9 or a click picks every right one; Enter answers", theme.hint));
        }
        (Answer::Order { .. }, _) => {
            rest.push(Line::default());
            rest.push(Line::styled("j k select, J K (or Shift-↓ ↑) move it, Enter answers", theme.hint));
        }
        (Answer::TrueFalse, _) => {
            rest.push(Line::from(vec![
                Span::styled(" t ", theme.strong),
                Span::raw("true    "),
                Span::styled(" f ", theme.strong),
                Span::raw("false"),
            ]));
        }
        (Answer::Text(line), _) => {
            rest.push(Line::from(vec![
                Span::styled("> ", theme.dim),
                cursor_spans(&line.text, line.cursor, theme.text),
            ]));
            rest.push(Line::default());
            rest.push(Line::styled("type the answer, then Enter", theme.hint));
        }
        (Answer::Cloze { gaps, current }, Some(Kind::Cloze { parts })) => {
            let mut spans = Vec::new();
            let mut gap = 0;
            for part in parts {
                match part {
                    ClozePart::Text(t) => spans.push(Span::raw(t.as_str())),
                    ClozePart::Gap(_) => {
                        let typed = &gaps[gap];
                        if gap == *current {
                            spans.push(Span::styled("[", theme.strong));
                            spans.push(cursor_spans(&typed.text, typed.cursor, theme.selection));
                            spans.push(Span::styled("]", theme.strong));
                        } else {
                            let shown = if typed.text.is_empty() {
                                format!("[{} ___]", gap + 1)
                            } else {
                                format!("[{}]", typed.text)
                            };
                            spans.push(Span::styled(shown, theme.link));
                        }
                        gap += 1;
                    }
                }
            }
            rest.push(Line::from(spans));
            rest.push(Line::default());
            rest.push(Line::styled(
                format!("gap {} of {}: Tab moves, Enter answers", current + 1, gaps.len()),
                theme.hint,
            ));
        }
        (Answer::Card { revealed }, _) => {
            if *revealed {
                let back = match (item, kind) {
                    (Item::Term(t), _) => app.pack.terms[t].definition.as_str(),
                    (_, Some(Kind::Card { back })) => back.as_str(),
                    _ => "",
                };
                rest.push(Line::raw(back));
                rest.push(Line::default());
                rest.push(Line::styled("How well did you know it?  1 Again  2 Hard  3 Good  4 Easy", theme.hint));
            } else {
                rest.push(Line::styled("Recall the answer, then Space (or a click) to see it", theme.hint));
            }
        }
        _ => {}
    }
    let top = lines.len() as u16;
    frame.render_widget(Paragraph::new(lines), area);
    let below = Rect { y: area.y + top.min(area.height), height: area.height.saturating_sub(top), ..area };
    frame.render_widget(Paragraph::new(rest).wrap(Wrap { trim: false }), below);
}

/// Typed text with the cursor shown as a reversed cell.
fn cursor_spans(text: &str, cursor: usize, style: Style) -> Span<'static> {
    let (before, after) = text.split_at(cursor.min(text.len()));
    Span::styled(format!("{before}▏{after}"), style)
}

fn answered(app: &App, sitting: &Sitting, verdict: &Verdict, area: Rect, frame: &mut Frame<'_>) {
    let theme = &app.theme;
    let Some(item) = sitting.current() else { return };
    let mut lines = vec![title(app, sitting), prompt(app, item), Line::default()];
    let is_card = crate::study::deck::is_card(&app.pack, item);
    match verdict {
        Verdict::Right => lines.push(Line::styled(if is_card { "✓ Known" } else { "✓ Right" }, theme.correct)),
        Verdict::Almost { expected } => {
            lines.push(Line::styled(format!("≈ Almost: it is spelt “{expected}”"), theme.correct));
        }
        Verdict::Wrong => {
            let text = if is_card {
                "✗ Not yet".to_string()
            } else {
                format!("✗ Not quite. The answer: {}", right_answer(&app.pack, item))
            };
            lines.push(Line::styled(text, theme.wrong));
            if let Some(typed) = &app.quiz.typed {
                lines.push(Line::styled(format!("  you wrote: {typed}"), theme.dim));
            }
        }
    }
    if let Item::Question(q) = item {
        let question = &app.pack.questions[q];
        if let Some(explain) = &question.explain {
            lines.push(Line::default());
            lines.push(Line::raw(explain.as_str()));
        }
        if let Some(anchor) = question.reference.as_ref().and_then(|r| r.anchor.as_ref()) {
            let paragraph =
                app.pack.article.paragraph_number(anchor.block).map(|n| format!(" ¶ {n}")).unwrap_or_default();
            lines.push(Line::default());
            lines.push(Line::styled(
                format!("The passage{paragraph} is highlighted in the article; o goes there."),
                theme.hint,
            ));
        }
    }
    lines.push(Line::styled("Enter: next question", theme.hint));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

fn done(app: &App, summary: &Summary, selected: usize, area: Rect, frame: &mut Frame<'_>) {
    let theme = &app.theme;
    let score = summary.right + summary.almost;
    let mut lines = vec![
        Line::styled(format!("Score {score}/{} · {}", summary.asked, duration(summary.seconds)), theme.heading),
        Line::default(),
    ];
    for (kind, (right, asked)) in &summary.by_kind {
        lines.push(Line::raw(format!("  {kind:<10} {right}/{asked}")));
    }
    if !summary.missed.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled("Missed (Enter shows the passage):", theme.strong));
        let width = usize::from(area.width).saturating_sub(4);
        for (i, item) in summary.missed.iter().enumerate() {
            let text = match *item {
                Item::Question(q) => app.pack.questions[q].prompt.as_str(),
                Item::Term(t) => app.pack.terms[t].term.as_str(),
            };
            let line = format!("{} {}", if i == selected { "▸" } else { " " }, truncate(text, width));
            lines.push(Line::styled(line, if i == selected { theme.selection } else { theme.text }));
        }
    }
    lines.push(Line::default());
    lines.push(Line::raw(format!("Due tomorrow: {}", summary.due_tomorrow)));
    lines.push(Line::styled("Esc: back to the questions", theme.hint));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
