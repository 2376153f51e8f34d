//! The Diary screen: a calendar strip with the streak, entries newest first,
//! and a preview (or the full entry in the reader).

use crate::domain::words::count;
use crate::domain::{DiaryEntry, Records, StarPart};
use crate::tui::theme::Styles;
use crate::tui::widgets::Canvas;
use crate::tui::widgets::{draw_list, empty_state, list_and_preview, panel, section, text_panel};
use crate::tui::{App, Screen};
use chrono::{Datelike, Days, NaiveDate};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    if app.model.records.diary.is_empty() {
        let mut lines = vec![
            Line::from(
                "Your reflective diary: one entry per customer interaction or learning moment,",
            ),
            Line::from("written as Situation, Task, Action, Result and Reflection (STAR)."),
            Line::from(""),
            Line::from(vec![
                Span::raw("Press "),
                Span::styled("n", st.key()),
                Span::raw(" to write your first entry, or run "),
                Span::styled("starlog add \"text\"", st.key()),
                Span::raw(" from a shell."),
            ]),
        ];
        if app.loading.is_some() {
            lines.push(Line::from(""));
            lines.push(Line::styled("Loading entries…", st.warn()));
        }
        empty_state(frame, area, "Diary", lines, st);
        return;
    }
    let [strip, rest] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    draw_strip(app, frame, strip, st);
    let selected = app.selected(Screen::Diary);
    if let Some(scroll) = app.layers.reader {
        if let Some(entry) = app.model.records.diary.get(selected) {
            let title = format!(" {} ", st.days.long(entry.date));
            text_panel(
                frame,
                rest,
                panel(title, st),
                entry_lines(entry, &app.model.records, st),
                scroll,
            );
        }
        return;
    }
    let (list_area, preview) = list_and_preview(rest);
    let title = if app.model.complete {
        format!(" Entries ({}) ", app.model.records.diary.len())
    } else {
        format!(
            " Entries (newest {}, loading the rest…) ",
            app.model.records.diary.len()
        )
    };
    let entries = &app.model.records.diary;
    draw_list(
        frame,
        list_area,
        panel(title, st),
        entries.len(),
        selected,
        st,
        |i| {
            let e = &entries[i];
            let mut spans = vec![
                Span::styled(format!("{} ", st.days.column(e.date)), st.dim()),
                Span::styled(if e.is_star() { "★ " } else { "  " }, st.key()),
                Span::raw(e.headline().to_string()),
            ];
            for tag in &e.tags {
                spans.push(Span::styled(format!(" #{tag}"), st.tag()));
            }
            Line::from(spans)
        },
    );
    if let Some(entry) = entries.get(selected) {
        let title = format!(
            " {} · {} ",
            st.days.day(entry.date),
            count(entry.word_count(), "word", "words")
        );
        text_panel(
            frame,
            preview,
            panel(title, st),
            entry_lines(entry, &app.model.records, st),
            0,
        );
    }
}

/// The full text of an entry, for the preview and the reader.
pub fn entry_lines<'a>(entry: &'a DiaryEntry, records: &Records, st: &Styles) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    if !entry.tags.is_empty() {
        out.push(Line::from(
            entry
                .tags
                .iter()
                .map(|t| Span::styled(format!("#{t} "), st.tag()))
                .collect::<Vec<_>>(),
        ));
        out.push(Line::raw(""));
    }
    if !entry.text.trim().is_empty() {
        // Free text is often Markdown, written out of habit.
        out.push(Line::styled("Notes", st.title()));
        out.extend(crate::tui::markdown::render(&entry.text, &st.markdown()));
        out.push(Line::raw(""));
    }
    for part in StarPart::ALL {
        section(&mut out, part.label(), entry.part(part), st);
    }
    let theories = entry.theories();
    if !theories.is_empty() {
        out.push(Line::styled("Theory and law applied", st.title()));
        for t in theories {
            out.push(Line::raw(format!("• {}", t.label())));
        }
        out.push(Line::raw(""));
    }
    if !entry.objectives.is_empty() {
        out.push(Line::styled("Objectives", st.title()));
        for id in &entry.objectives {
            let text = records
                .objective(id)
                .map(|o| o.statement.clone())
                .unwrap_or_else(|| format!("{id} (not found)"));
            out.push(Line::raw(format!("• {text}")));
        }
        out.push(Line::raw(""));
    }
    if !entry.criteria.is_empty() {
        out.push(Line::from(vec![
            Span::styled("Criteria ", st.title()),
            Span::raw(entry.criteria.join(", ")),
        ]));
    }
    out
}

/// Which of the `days` days up to `today` have an entry (newest last), the
/// streak back from today (or yesterday), and the day that ended it: the
/// newest day before the streak with no entry.
pub fn journal_days(
    diary: &[DiaryEntry],
    today: NaiveDate,
    days: usize,
) -> (Vec<bool>, usize, NaiveDate) {
    let start = today
        .checked_sub_days(Days::new(days.saturating_sub(1) as u64))
        .unwrap_or(today);
    let mut marks = vec![false; days];
    // The diary is newest first: stop at the first entry before the window.
    for e in diary {
        if e.date < start {
            break;
        }
        if e.date <= today {
            let offset = (e.date - start).num_days() as usize;
            if offset < days {
                marks[offset] = true;
            }
        }
    }
    // The streak counts back from today (or yesterday, if today is not written yet).
    let mut streak = 0;
    // Entries dated after today (typed ahead) neither count nor break it.
    let written_today = diary
        .iter()
        .find(|e| e.date <= today)
        .is_some_and(|e| e.date == today);
    let mut day = if written_today {
        today
    } else {
        today.pred_opt().unwrap_or(today)
    };
    let first_day = day;
    let mut dates = diary
        .iter()
        .map(|e| e.date)
        .skip_while(move |d| *d > first_day)
        .peekable();
    loop {
        let mut found = false;
        while let Some(d) = dates.peek() {
            if *d == day {
                found = true;
                dates.next();
            } else {
                break;
            }
        }
        if !found {
            break;
        }
        streak += 1;
        match day.pred_opt() {
            Some(d) => day = d,
            None => break,
        }
    }
    (marks, streak, day)
}

fn draw_strip(app: &App, frame: &mut Canvas, area: Rect, st: &Styles) {
    let label = |streak: usize| match streak {
        0 => "no streak yet".to_string(),
        1 => "1-day streak".to_string(),
        n => format!("{n}-day streak"),
    };
    let width = area.width.saturating_sub(20) as usize;
    // The strip starts on the learner's first day of the week (config.ron).
    let earliest = app
        .today
        .checked_sub_days(Days::new(width.saturating_sub(1) as u64))
        .unwrap_or(app.today);
    let past_start = earliest
        .weekday()
        .days_since(app.config.week_start.weekday()) as usize;
    let skip = (7 - past_start) % 7;
    let days = if width > skip + 7 {
        width - skip
    } else {
        width
    };
    let (marks, streak, ended) = journal_days(&app.model.records.diary, app.today, days.max(1));
    // While only the newest entries are read, the days before them are not
    // known yet: neither empty nor the end of the streak.
    let known_from = app.diary_known_from();
    let unknown = |day: NaiveDate| known_from.is_some_and(|from| day < from);
    let start = app
        .today
        .checked_sub_days(Days::new(marks.len().saturating_sub(1) as u64))
        .unwrap_or(app.today);
    let mut cells = Vec::with_capacity(marks.len() + 2);
    let mut months = String::new();
    for (i, mark) in marks.iter().enumerate() {
        let day = start + Days::new(i as u64);
        cells.push(if *mark {
            Span::styled("█", st.good())
        } else if unknown(day) {
            Span::styled("░", st.dim())
        } else if day.weekday().number_from_monday() >= 6 {
            Span::styled(" ", st.dim())
        } else {
            Span::styled("·", st.dim())
        });
        // The first cell is labelled too, unless a month begins right after it.
        let month_starts_soon = (1..=4).any(|k| (day + Days::new(k)).day() == 1);
        if day.day() == 1 || (i == 0 && !month_starts_soon) {
            let name = day.format("%b").to_string();
            if months.chars().count() <= i {
                months.push_str(&" ".repeat(i - months.chars().count()));
                months.push_str(&name);
            }
        }
    }
    let streak_text = if unknown(ended) {
        "counting the streak…".to_string()
    } else {
        label(streak)
    };
    cells.push(Span::styled(format!("  {streak_text}"), st.key()));
    frame.render_widget(
        Paragraph::new(vec![Line::styled(months, st.dim()), Line::from(cells)]),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Id;

    fn entry(date: NaiveDate) -> DiaryEntry {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00+00:00").expect("valid");
        DiaryEntry::new(Id::generate(), date, now)
    }

    #[test]
    fn streak_counts_consecutive_days_back_from_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid");
        let d = |n: u64| today - Days::new(n);
        // newest first: today, today (twice), yesterday, 2 days ago, then a gap
        let diary = vec![
            entry(d(0)),
            entry(d(0)),
            entry(d(1)),
            entry(d(2)),
            entry(d(5)),
        ];
        let (marks, streak, ended) = journal_days(&diary, today, 7);
        assert_eq!(streak, 3);
        assert_eq!(ended, d(3), "the first day without an entry");
        assert_eq!(marks, vec![false, true, false, false, true, true, true]);
        // Not written today yet: the streak up to yesterday still counts.
        let (_, streak, _) = journal_days(&diary[2..], today, 7);
        assert_eq!(streak, 2);
        let (_, streak, _) = journal_days(&[], today, 7);
        assert_eq!(streak, 0);
    }

    #[test]
    fn an_entry_dated_in_the_future_does_not_break_the_streak() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid");
        // Newest first: one typed ahead for next week, then today and yesterday.
        let diary = vec![
            entry(today + Days::new(7)),
            entry(today),
            entry(today - Days::new(1)),
        ];
        let (marks, streak, _) = journal_days(&diary, today, 3);
        assert_eq!(streak, 2, "today and yesterday count; next week is not yet");
        assert_eq!(marks, vec![false, true, true]);
    }
}
