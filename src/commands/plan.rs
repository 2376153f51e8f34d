//! `starlog plan`: the development plan as plain text, for people who live
//! in the shell: objectives with their SMART badges, due dates, progress and
//! activities; the needs behind them; hours by kind; the golden thread's gaps.

use super::{Failure, report_problems, today};
use crate::domain::smart;
use crate::domain::thread::{self, format_hours};
use crate::domain::{NeedKind, Records};
use crate::store::{Mode, Workspace};
use chrono::NaiveDate;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Runs `starlog plan`; reads only, so it runs beside an open app.
pub fn run(root: &Path, workspace: &str) -> Result<u8, Failure> {
    let ws = Workspace::open(root, workspace, Mode::ReadOnly)?;
    let loaded = ws.load()?;
    report_problems(&loaded.problems);
    let text = plan_text(&loaded.records, &loaded.header.profile.name, today());
    let mut out = super::out::Out::stdout();
    // A closed stdout (`| head`) is not a failure.
    let _ = out.write_all(text.as_bytes());
    out.finish()?;
    Ok(0)
}

/// The plan as text on `today`.
pub fn plan_text(records: &Records, learner: &str, today: NaiveDate) -> String {
    let mut out = String::new();
    let whose = if learner.trim().is_empty() {
        "Development plan".to_string()
    } else {
        format!("Development plan: {}", learner.trim())
    };
    let _ = writeln!(out, "{whose} (as of {})", today.format("%d %b %Y"));
    if records.objectives.is_empty() && records.needs.is_empty() && records.activities.is_empty() {
        let _ = writeln!(
            out,
            "\nThe plan is empty. Open the app (`starlog`), press 2 for the Plan, then n to add\na development need, an objective or an activity."
        );
        return out;
    }

    let _ = writeln!(out, "\nObjectives ({})", records.objectives.len());
    if records.objectives.is_empty() {
        let _ = writeln!(out, "  none yet");
    }
    for (i, o) in records.objectives.iter().enumerate() {
        let check = smart::check(o, today, &Default::default());
        let _ = writeln!(out, "{:>3}. {}", i + 1, o.statement);
        let mut facts = vec![check.badge_text(), o.status.label().to_string()];
        if let Some(p) = o.percent() {
            facts.push(format!("{p}% done"));
        }
        match o.target_date {
            Some(d) if o.is_overdue(today) => {
                facts.push(format!("OVERDUE since {}", d.format("%d %b %Y")))
            }
            Some(d) if o.is_due_within(today, 14) => facts.push(format!(
                "due {} (in {} days)",
                d.format("%d %b %Y"),
                (d - today).num_days()
            )),
            Some(d) => facts.push(format!("due {}", d.format("%d %b %Y"))),
            None => facts.push("no target date".into()),
        }
        if let Some(d) = o.review_date {
            facts.push(format!("review {}", d.format("%d %b %Y")));
        }
        let _ = writeln!(out, "     {}", facts.join(" · "));
        for c in check.letters.iter().filter(|c| !c.passes()) {
            if let Some(f) = c.flags.first() {
                let _ = writeln!(
                    out,
                    "     {} {}: {} ({})",
                    c.letter.initial(),
                    c.letter.name(),
                    f.reason,
                    f.suggestion
                );
            }
        }
        let t = thread::objective_thread(records, o);
        for n in &t.needs {
            let _ = writeln!(out, "     need: {}", n.area);
        }
        for a in &t.activities {
            let _ = writeln!(
                out,
                "     activity: {} {} ({}, {}, impact level {})",
                a.date.format("%d %b %Y"),
                a.title,
                a.kind.label(),
                format_hours(a.hours),
                a.impact.level_reached()
            );
        }
    }

    let _ = writeln!(out, "\nDevelopment needs ({})", records.needs.len());
    if records.needs.is_empty() {
        let _ = writeln!(out, "  none yet");
    }
    for n in &records.needs {
        let kind = match n.kind {
            NeedKind::Gap => "to improve",
            NeedKind::Strength => "strength",
        };
        let serving = thread::need_thread(records, n).objectives.len();
        let _ = writeln!(
            out,
            "  [{kind}] {} (identified {}; {})",
            n.area,
            n.date.format("%d %b %Y"),
            crate::domain::words::count(serving, "objective", "objectives")
        );
    }

    let _ = writeln!(out, "\nActivities ({})", records.activities.len());
    let by_kind: Vec<String> = thread::hours_by_kind(&records.activities)
        .into_iter()
        .map(|(k, h)| format!("{} {}", k.label(), format_hours(h)))
        .collect();
    if by_kind.is_empty() {
        let _ = writeln!(out, "  none yet");
    } else {
        let _ = writeln!(out, "  hours by kind: {}", by_kind.join(", "));
        let by_category: Vec<String> = thread::hours_by_category(&records.activities)
            .into_iter()
            .map(|(c, h)| format!("{} {}", c.label(), format_hours(h)))
            .collect();
        let _ = writeln!(out, "  hours by category: {}", by_category.join(", "));
    }

    let gaps = thread::gaps(records);
    if gaps.is_empty() {
        let _ = writeln!(out, "\nGolden thread: no gaps");
    } else {
        let _ = writeln!(out, "\nGolden thread gaps ({})", gaps.len());
        for g in gaps {
            let _ = writeln!(out, "  - {}", g.message(records));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).expect("test date")
    }

    #[test]
    fn the_demo_plan_prints_badges_due_dates_activities_and_gaps() {
        let (header, mut records) = crate::demo::story(today());
        records.sort();
        let text = plan_text(&records, &header.profile.name, today());
        assert!(text.starts_with("Development plan: Priya Shah (as of 23 Nov 2026)"));
        assert!(
            text.contains("S✓ M✓ A✓ R✓ T✓ · in progress · 70% done"),
            "{text}"
        );
        assert!(text.contains("OVERDUE since"), "{text}");
        assert!(
            text.contains("  4. Work on my written emails to customers\n     S✗ M✗ A✓ R✓ T✗"),
            "{text}"
        );
        assert!(
            text.contains("S Specific: \"work on\" describes effort"),
            "{text}"
        );
        assert!(text.contains("activity: "), "{text}");
        assert!(text.contains("hours by kind: course 7 h"), "{text}");
        assert!(
            text.contains("[strength] Explaining things patiently"),
            "{text}"
        );
    }

    #[test]
    fn an_empty_plan_says_how_to_start() {
        let text = plan_text(&Records::default(), "", today());
        assert!(text.starts_with("Development plan (as of 23 Nov 2026)"));
        assert!(text.contains("press 2 for the Plan, then n"));
    }
}
