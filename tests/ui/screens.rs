//! Snapshot tests of every screen with `TestBackend`, at 80x24 and 120x40,
//! with the demo workspace and with an empty one; and no panic at tiny sizes
//! or with wide characters.

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use starlog::domain::{DiaryEntry, Id, Records, WorkspaceHeader};
use starlog::store::Loaded;
use starlog::tui::{Action, App, Screen};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid time")
}

fn app_with(header: WorkspaceHeader, records: Records) -> App {
    let loaded = Loaded {
        header,
        records,
        ..Loaded::default()
    };
    let mut app = App::from_loaded(loaded, now());
    app.theme.color = false;
    app
}

fn demo_app() -> App {
    let today: NaiveDate = now().date_naive();
    let (header, mut records) = starlog::demo::story(today);
    records.sort();
    app_with(header, records)
}

fn empty_app() -> App {
    let header = WorkspaceHeader {
        onboarded: true,
        ..WorkspaceHeader::default()
    };
    app_with(header, Records::default())
}

fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| {
            starlog::tui::view(app, f);
        })
        .expect("draw succeeds");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            // A wide character fills two cells; the second is not printed.
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            line.push_str(symbol);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// The tab bar's highlighted (reverse-video) text, without colour.
fn highlighted_tabs(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|f| {
            starlog::tui::view(app, f);
        })
        .expect("draw succeeds");
    let buffer = terminal.backend().buffer().clone();
    (0..80)
        .filter(|&x| {
            buffer[(x, 0)]
                .modifier
                .contains(ratatui::style::Modifier::REVERSED)
        })
        .map(|x| buffer[(x, 0)].symbol())
        .collect::<String>()
        .trim()
        .to_string()
}

/// Draws a frame and keeps where it drew things, as the event loop does
/// (a reader scrolls a picked record into view from there).
fn render_kept(app: &mut App, width: u16, height: u16) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    let mut hits = None;
    terminal
        .draw(|f| hits = Some(starlog::tui::view(app, f)))
        .expect("draw succeeds");
    app.mouse_map = hits.expect("drawn");
}

/// The screen with its styles: the text, then one letter per cell for its
/// style (blank for the default), then what each letter means. So colour,
/// bold and reverse video, and which row is selected, are in the snapshot.
fn render_styled(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| {
            starlog::tui::view(app, f);
        })
        .expect("draw succeeds");
    let buffer = terminal.backend().buffer().clone();
    let mut styles: Vec<String> = Vec::new();
    let mut map = String::new();
    for y in 0..buffer.area.height {
        let mut line = String::new();
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let style = format!("fg {:?} bg {:?} {:?}", cell.fg, cell.bg, cell.modifier);
            if cell.fg == ratatui::style::Color::Reset
                && cell.bg == ratatui::style::Color::Reset
                && cell.modifier.is_empty()
            {
                line.push(' ');
                continue;
            }
            let n = styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                styles.push(style);
                styles.len() - 1
            });
            line.push(char::from(b'A' + (n % 26) as u8));
        }
        map.push_str(line.trim_end());
        map.push('\n');
    }
    let mut out = render(app, width, height);
    out.push_str("--- styles ---\n");
    out.push_str(&map);
    for (n, style) in styles.iter().enumerate() {
        out.push_str(&format!(
            "{} = {style}\n",
            char::from(b'A' + (n % 26) as u8)
        ));
    }
    out
}

/// The rows of a rendered screen whose every cell from `from` to `to` has
/// the selection style (reverse video without colour).
fn reversed_rows(app: &App, width: u16, height: u16, from: u16, to: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|f| {
            starlog::tui::view(app, f);
        })
        .expect("draw succeeds");
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .filter(|&y| {
            (from..to).all(|x| {
                buffer[(x, y)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED)
            })
        })
        .map(|y| {
            let text: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            text.trim_end().to_string()
        })
        .collect()
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(&KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn every_screen_with_the_demo_workspace() {
    for (w, h) in [(80, 24), (120, 40)] {
        for screen in Screen::ALL {
            let mut app = demo_app();
            app.update(Action::ShowScreen(screen));
            let name = format!("demo_{}_{w}x{h}", screen.title().to_lowercase());
            insta::assert_snapshot!(name, render(&app, w, h));
        }
    }
}

#[test]
fn every_screen_empty() {
    for (w, h) in [(80, 24), (120, 40)] {
        for screen in Screen::ALL {
            let mut app = empty_app();
            app.update(Action::ShowScreen(screen));
            let name = format!("empty_{}_{w}x{h}", screen.title().to_lowercase());
            insta::assert_snapshot!(name, render(&app, w, h));
        }
    }
}

#[test]
fn star_form_help_and_reader() {
    for (w, h) in [(80, 24), (120, 40)] {
        // The reader on the newest STAR entry (the newest entry is a note).
        let mut app = demo_app();
        let star = app
            .model
            .records
            .diary
            .iter()
            .position(DiaryEntry::is_star)
            .expect("the demo has STAR entries");
        for _ in 0..star {
            key(&mut app, KeyCode::Down);
        }
        app.update(Action::Open);
        let screen = render(&app, w, h);
        assert!(screen.contains("Situation"), "{screen}");
        insta::assert_snapshot!(format!("reader_{w}x{h}"), screen);

        let mut app = demo_app();
        app.update(Action::Help);
        insta::assert_snapshot!(format!("help_{w}x{h}"), render(&app, w, h));

        let mut app = demo_app();
        app.update(Action::New);
        for c in "A customer rang, upset about a late delivery".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        insta::assert_snapshot!(format!("star_form_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn first_run_greeting() {
    let mut app = app_with(WorkspaceHeader::default(), Records::default());
    app.model.diary_total = 0;
    app.greet_if_new();
    insta::assert_snapshot!("first_run_80x24", render(&app, 80, 24));
}

#[test]
fn tiny_sizes_do_not_panic_and_say_too_small() {
    let app = demo_app();
    for (w, h) in [(0, 0), (1, 1), (20, 5), (39, 24), (80, 9)] {
        let screen = render(&app, w, h);
        if w >= 20 && h >= 2 {
            assert!(screen.contains("too small"), "{w}x{h}:\n{screen}");
        }
    }
    let mut app = demo_app();
    app.update(Action::New);
    for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 10), (41, 11)] {
        render(&app, w, h);
    }
}

#[test]
fn at_40x12_every_tab_shows_and_the_kpi_chart_says_why_it_is_missing() {
    let mut app = demo_app();
    for screen in Screen::ALL {
        app.update(Action::ShowScreen(screen));
        let shown = render(&app, 40, 12);
        let tabs = shown.lines().next().unwrap_or("");
        for n in ["1", "2", "3", "4", "5"] {
            assert!(
                tabs.contains(n),
                "{screen:?}: tab {n} missing from {tabs:?}"
            );
        }
        assert!(
            tabs.contains(screen.title()),
            "the current tab is named: {tabs:?}"
        );
        assert!(
            shown.lines().last().unwrap_or("").contains("? help"),
            "{shown}"
        );
    }
    app.update(Action::ShowScreen(Screen::Progress));
    let shown = render(&app, 40, 12);
    assert!(shown.contains("No room for the chart here"), "{shown}");
    // Wide enough, the tabs are named in full and the chart is drawn.
    let shown = render(&app, 120, 40);
    assert!(shown.lines().next().unwrap_or("").contains("4 Reviews"));
    assert!(!shown.contains("No room for the chart"), "{shown}");
}

#[test]
fn wide_characters_align() {
    let mut records = Records::default();
    let date = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    let mut entry = DiaryEntry::new(Id::from_parts(1, [7; 10]), date, now());
    entry.text = "顧客が怒っていた 😀 then calmer".into();
    entry.tags = vec!["日本語".into()];
    records.diary.push(entry);
    let app = app_with(
        WorkspaceHeader {
            onboarded: true,
            ..WorkspaceHeader::default()
        },
        records,
    );
    let screen = render(&app, 80, 24);
    // Every row is exactly as wide as the terminal: wide characters take two
    // cells and nothing spills over the borders.
    for line in screen.lines().skip(4).take(2) {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 80, "row wider than the screen: {line}");
        assert!(line.ends_with('│'), "border pushed out of place: {line}");
    }
    assert!(screen.contains("顧客が怒っていた"), "{screen}");
}

#[test]
fn plan_forms_chooser_and_golden_thread() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        key(&mut app, KeyCode::Char('n'));
        insta::assert_snapshot!(format!("plan_chooser_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Char('o'));
        for c in "Improve my communication skills".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        insta::assert_snapshot!(format!("plan_objective_form_{w}x{h}"), render(&app, w, h));

        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        key(&mut app, KeyCode::Char('n'));
        key(&mut app, KeyCode::Char('n'));
        insta::assert_snapshot!(format!("plan_need_form_{w}x{h}"), render(&app, w, h));

        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        key(&mut app, KeyCode::Char('n'));
        key(&mut app, KeyCode::Char('a'));
        key(&mut app, KeyCode::Tab);
        insta::assert_snapshot!(format!("plan_activity_form_{w}x{h}"), render(&app, w, h));

        // A practice record: the kind first, the questions follow it.
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        key(&mut app, KeyCode::Char('n'));
        key(&mut app, KeyCode::Char('p'));
        key(&mut app, KeyCode::Char(' '));
        key(&mut app, KeyCode::Char(' '));
        let screen = render(&app, w, h);
        assert!(
            screen.contains("Scenario") && screen.contains("Why it fits"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("plan_practice_form_{w}x{h}"), screen);

        // The golden thread from an objective, from a need and an activity.
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        key(&mut app, KeyCode::Enter);
        // At 80x24 the thread is below the fold: page down to it.
        for _ in 0..4 {
            if render(&app, w, h).contains("Golden thread") {
                break;
            }
            key(&mut app, KeyCode::PageDown);
        }
        let screen = render(&app, w, h);
        assert!(
            screen.contains("Golden thread") && screen.contains("Need: "),
            "{screen}"
        );
        insta::assert_snapshot!(format!("plan_objective_thread_{w}x{h}"), screen);
        if w == 80 {
            // The rest of the thread: the activities and the diary evidence.
            for _ in 0..4 {
                key(&mut app, KeyCode::PageDown);
                if render(&app, w, h).contains("Diary entries (") {
                    break;
                }
            }
            let screen = render(&app, w, h);
            assert!(screen.contains("Diary entries ("), "{screen}");
            insta::assert_snapshot!("plan_objective_thread_rest_80x24", screen);
        }
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        let needs_start = app.model.records.objectives.len();
        for _ in 0..needs_start {
            key(&mut app, KeyCode::Down);
        }
        insta::assert_snapshot!(format!("plan_need_selected_{w}x{h}"), render(&app, w, h));
        // The last activity, then the practice records below it.
        let last_activity = app.model.records.needs.len() + app.model.records.activities.len() - 1;
        for _ in 0..last_activity {
            key(&mut app, KeyCode::Down);
        }
        insta::assert_snapshot!(
            format!("plan_activity_selected_{w}x{h}"),
            render(&app, w, h)
        );
        key(&mut app, KeyCode::Char('G'));
        let screen = render(&app, w, h);
        assert!(screen.contains("Changes of role (1)"), "{screen}");
        assert!(
            screen.contains("Role change: Adviser taking escalated"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("plan_practice_selected_{w}x{h}"), screen);
    }
}

#[test]
fn plan_lists_the_demos_practice_records_by_kind_and_e_edits_one() {
    let mut app = demo_app();
    app.update(Action::ShowScreen(Screen::Plan));
    let plan_before = app.model.records.objectives.len()
        + app.model.records.needs.len()
        + app.model.records.activities.len();
    assert!(
        app.model.records.practice.len() >= 7,
        "the demo has practice records"
    );
    assert_eq!(
        app.plan_len(),
        plan_before + app.model.records.practice.len()
    );
    // Every demo record is listed, grouped by kind in the assessor's order.
    let kinds: Vec<_> = app
        .plan_rows()
        .into_iter()
        .filter_map(|row| match row {
            starlog::tui::screens::plan::PlanRow::Practice(i) => {
                Some(app.model.records.practice[i].kind)
            }
            _ => None,
        })
        .collect();
    assert_eq!(kinds.len(), app.model.records.practice.len());
    assert!(kinds.windows(2).all(|w| w[0] <= w[1]), "{kinds:?}");
    // Select the first practice record: e opens it in its form.
    for _ in 0..plan_before {
        key(&mut app, KeyCode::Down);
    }
    let first = app.ids(Screen::Plan)[plan_before].clone();
    key(&mut app, KeyCode::Char('e'));
    assert!(
        matches!(app.layers.form, Some(starlog::tui::Form::Practice(_))),
        "e edits a practice record in its form"
    );
    let shown = app
        .layers
        .form
        .as_ref()
        .and_then(|f| f.engine())
        .map(|f| f.fields().text("name"));
    let record = app.model.records.practice.iter().find(|p| p.id == first);
    assert_eq!(
        shown,
        record.map(|p| p.name.clone()),
        "the record's own words"
    );
}

#[test]
fn a_search_hit_on_a_practice_record_shows_it_selected_on_the_plan() {
    let mut app = demo_app();
    let record = app
        .model
        .records
        .practice
        .iter()
        .find(|p| p.kind == starlog::domain::PracticeKind::Leadership)
        .cloned()
        .expect("the demo has a leadership style");
    app.jump_to(starlog::search::Kind::Practice, &record.id);
    assert_eq!(app.screen, Screen::Plan);
    let screen = render(&app, 80, 24);
    assert!(screen.contains(&record.headline()), "{screen}");
}

#[test]
fn plan_forms_at_tiny_sizes_do_not_panic() {
    for choice in ['o', 'n', 'a'] {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Plan));
        key(&mut app, KeyCode::Char('n'));
        key(&mut app, KeyCode::Char(choice));
        for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 10), (41, 11), (60, 14)] {
            render(&app, w, h);
        }
    }
}

#[test]
fn feedback_inbox_triage_and_forms() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Feedback));
        // The newest item is negative and new: archiving it is refused, with why.
        key(&mut app, KeyCode::Char('x'));
        let screen = render(&app, w, h);
        assert!(
            screen.contains("can't be archived before you reflect"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("feedback_archive_refused_{w}x{h}"), screen);

        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Feedback));
        key(&mut app, KeyCode::Char('r'));
        for c in "I checked with billing instead of using the tool myself.".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        insta::assert_snapshot!(format!("feedback_reflect_{w}x{h}"), render(&app, w, h));

        // Acting needs a reflection: the filter finds reflected items.
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Feedback));
        key(&mut app, KeyCode::Char('f'));
        for c in "reflected".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        if w == 80 {
            insta::assert_snapshot!("feedback_filter_80x24", render(&app, w, h));
        }
        key(&mut app, KeyCode::Enter);
        // A pause after the filter closes: `a` is a command again.
        app.typing_guard = None;
        key(&mut app, KeyCode::Char('a'));
        key(&mut app, KeyCode::Char(' '));
        insta::assert_snapshot!(format!("feedback_act_{w}x{h}"), render(&app, w, h));

        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Feedback));
        key(&mut app, KeyCode::Char('n'));
        key(&mut app, KeyCode::Char('c')); // colleague
        insta::assert_snapshot!(format!("feedback_form_{w}x{h}"), render(&app, w, h));
    }
    // On narrow screens t swaps the preview for the triangulation panel.
    let mut app = demo_app();
    app.update(Action::ShowScreen(Screen::Feedback));
    key(&mut app, KeyCode::Char('t'));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Triangulation since the review"),
        "{screen}"
    );
    insta::assert_snapshot!("feedback_triangulation_80x24", screen);
}

#[test]
fn feedback_forms_survive_tiny_sizes() {
    for keys in ["n", "r", "f", "t"] {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Feedback));
        for c in keys.chars() {
            key(&mut app, KeyCode::Char(c));
        }
        for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 10), (41, 11), (60, 12)] {
            render(&app, w, h);
        }
    }
}

#[test]
fn progress_views_kpi_form_and_evidence() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Progress));
        key(&mut app, KeyCode::Down); // CSAT
        insta::assert_snapshot!(format!("progress_kpi_csat_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("progress_kpi_readings_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Char('n'));
        insta::assert_snapshot!(format!("progress_kpi_form_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Right);
        insta::assert_snapshot!(format!("progress_criteria_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("progress_evidence_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Right);
        key(&mut app, KeyCode::Char('j')); // rule 2, which the demo fails
        insta::assert_snapshot!(format!("progress_readiness_{w}x{h}"), render(&app, w, h));
    }
}

#[test]
fn progress_at_tiny_sizes_does_not_panic() {
    let mut app = demo_app();
    app.update(Action::ShowScreen(Screen::Progress));
    for step in 0..5 {
        match step {
            1 => key(&mut app, KeyCode::Right),
            2 => key(&mut app, KeyCode::Right),
            3 => key(&mut app, KeyCode::Char('x')),
            4 => {
                key(&mut app, KeyCode::Esc);
                key(&mut app, KeyCode::Char('n'));
            }
            _ => {}
        }
        for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 10), (41, 11), (60, 14)] {
            render(&app, w, h);
        }
    }
}

#[test]
fn review_timeline_compare_and_form() {
    for (w, h) in [(80, 24), (120, 40)] {
        // The second review rewrote the billing objective: what changed, and why.
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Reviews));
        key(&mut app, KeyCode::Char('j'));
        key(&mut app, KeyCode::Char('c'));
        // At 80x24 the reason is below the fold: page down to it.
        for _ in 0..4 {
            if render(&app, w, h).contains("why: \"Get better at billing queries\"") {
                break;
            }
            key(&mut app, KeyCode::PageDown);
        }
        let screen = render(&app, w, h);
        assert!(
            screen.contains("why: \"Get better at billing queries\" had no measure"),
            "{screen}"
        );
        insta::assert_snapshot!(format!("review_compare_{w}x{h}"), screen);
        // Pressed again: what has changed in the plan since that review.
        key(&mut app, KeyCode::Char('c'));
        insta::assert_snapshot!(format!("review_since_{w}x{h}"), render(&app, w, h));

        // An objective revised since the last review comes first in the form.
        let mut app = demo_app();
        let edited = app
            .model
            .records
            .change()
            .objectives
            .iter_mut()
            .find(|o| o.status.is_open())
            .expect("an open objective");
        edited.target_date = NaiveDate::from_ymd_opt(2027, 6, 30);
        app.update(Action::ShowScreen(Screen::Reviews));
        key(&mut app, KeyCode::Char('n'));
        for _ in 0..3 {
            key(&mut app, KeyCode::Tab);
        }
        insta::assert_snapshot!(format!("review_form_{w}x{h}"), render(&app, w, h));
        for (tw, th) in [(0, 0), (1, 1), (20, 5), (40, 10), (41, 11), (60, 12)] {
            render(&app, tw, th);
        }
    }
    // The timeline and the compare view at small sizes: no panic.
    let mut app = demo_app();
    app.update(Action::ShowScreen(Screen::Reviews));
    for (tw, th) in [(40, 10), (41, 11), (60, 12)] {
        render(&app, tw, th);
    }
    key(&mut app, KeyCode::Char('c'));
    for (tw, th) in [(40, 10), (41, 11), (60, 12)] {
        render(&app, tw, th);
    }
    // Long after the agreed date, the next review at the top says it is overdue.
    let mut app = demo_app();
    app.today += chrono::Duration::days(80);
    app.update(Action::ShowScreen(Screen::Reviews));
    let screen = render(&app, 80, 24);
    assert!(
        screen.contains("Next review overdue by 28 days (was due 14 Jan 2027)"),
        "{screen}"
    );
    insta::assert_snapshot!("reviews_overdue_80x24", screen);
}

#[test]
fn search_palette_results_errors_and_tiny_sizes() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = demo_app();
        key(&mut app, KeyCode::Char('/'));
        insta::assert_snapshot!(format!("search_empty_{w}x{h}"), render(&app, w, h));
        for c in "refund".chars() {
            key(&mut app, KeyCode::Char(c));
        }
        insta::assert_snapshot!(format!("search_refund_{w}x{h}"), render(&app, w, h));
    }
    // A word found only in the long text shows the field and an excerpt.
    let mut app = demo_app();
    key(&mut app, KeyCode::Char('/'));
    for c in "templates type:activity".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    insta::assert_snapshot!("search_activity_80x24", render(&app, 80, 24));
    // A bad filter is explained under the query; the last results stay.
    for c in " is:nope".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let screen = render(&app, 80, 24);
    assert!(screen.contains("`is:nope` is not known"), "{screen}");
    assert!(
        screen.contains("1 match") || screen.contains("Buddy sessions"),
        "{screen}"
    );
    for (tw, th) in [(40, 10), (41, 11), (60, 12), (20, 5)] {
        render(&app, tw, th);
    }
}

#[test]
fn the_selected_row_is_in_reverse_video_and_only_that_row() {
    let mut app = demo_app();
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let third = app.model.records.diary[2].headline();
    // The list's inner width: inside the border, clear of the date column.
    let rows = reversed_rows(&app, 80, 24, 1, 60);
    assert_eq!(rows.len(), 1, "one row selected: {rows:#?}");
    let words: String = third.chars().take(30).collect();
    assert!(rows[0].contains(&words), "{:?} is not {third:?}", rows[0]);
}

#[test]
fn list_screens_with_their_colours_and_selection() {
    for screen in Screen::ALL {
        let mut app = demo_app();
        app.theme.color = true;
        app.update(Action::ShowScreen(screen));
        key(&mut app, KeyCode::Down);
        let name = format!("styled_{}_80x24", screen.title().to_lowercase());
        insta::assert_snapshot!(name, render_styled(&app, 80, 24));
    }
    // Without colour the selection is reverse video.
    let mut app = demo_app();
    key(&mut app, KeyCode::Down);
    insta::assert_snapshot!("styled_diary_no_colour_80x24", render_styled(&app, 80, 24));
}

#[test]
fn the_reason_a_save_failed_is_shown_whole() {
    let mut app = demo_app();
    let reason = "Not saved: could not save /home/learner/.local/share/starlog/default/diary/2026/2026-11-20-0000000000001-aaaaaaaaaa.ron: the disk is full: free some space and try again; your text is kept here";
    app.set_error(reason);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = render(&app, w, h);
        // Wrapping may break the long path anywhere: compare without spaces.
        let squeezed = |t: &str| t.split_whitespace().collect::<String>();
        let joined = squeezed(&screen);
        assert!(
            joined.contains(&squeezed(reason)),
            "at {w}x{h} the message is cut:\n{screen}"
        );
    }
}

#[test]
fn a_picked_record_of_the_golden_thread_is_highlighted_and_scrolled_into_view() {
    let mut app = demo_app();
    app.update(Action::ShowScreen(Screen::Plan));
    app.update(Action::Open);
    // Opened at the top of the text: the objective's statement shows.
    let first = render(&app, 80, 24);
    assert!(first.contains("Raise my CSAT"), "{first}");
    // Each ↓ picks the next linked record, scrolling just enough to show it.
    render_kept(&mut app, 80, 24);
    for _ in 0..6 {
        key(&mut app, KeyCode::Down);
        render_kept(&mut app, 80, 24);
    }
    let picked = reversed_rows(&app, 80, 24, 2, 10);
    // One line, wrapped over two rows here.
    assert!(
        (1..=2).contains(&picked.len()),
        "one picked line: {picked:?}"
    );
    assert!(picked[0].contains("• "), "an activity or entry: {picked:?}");
    key(&mut app, KeyCode::Enter);
    assert_ne!(
        app.ids(Screen::Plan).get(app.selected(Screen::Plan)),
        app.model.records.objectives.first().map(|o| &o.id),
        "Enter went to the picked record"
    );
}

#[test]
fn evidence_view_lists_files_statements_and_sign_offs() {
    let mut app = demo_app();
    app.update(Action::ShowEvidence);
    insta::assert_snapshot!("evidence_80x24", render(&app, 80, 24));
    // The witness statement: how it was confirmed, and what was seen.
    app.update(Action::Down);
    app.update(Action::Down);
    insta::assert_snapshot!("evidence_witness_120x40", render(&app, 120, 40));
    for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 12)] {
        render(&app, w, h);
    }
    let mut empty = empty_app();
    empty.update(Action::ShowEvidence);
    let shown = render(&empty, 80, 24);
    assert!(shown.contains("No evidence yet"), "{shown}");
    assert!(shown.contains("a attaches a file"), "{shown}");
}

/// The bug: after a search jump to a file (it opens in the Evidence view),
/// the tab bar highlighted 5 Progress, a screen that was not showing. The
/// Evidence view has its own highlighted place in the tab bar, and closing
/// it goes back to the screen the search started from.
#[test]
fn a_search_jump_into_the_evidence_view_highlights_evidence_in_the_tab_bar() {
    let highlighted = |app: &App| -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal
            .draw(|f| {
                starlog::tui::view(app, f);
            })
            .expect("draw succeeds");
        let buffer = terminal.backend().buffer().clone();
        (0..80)
            .filter(|&x| {
                buffer[(x, 0)]
                    .modifier
                    .contains(ratatui::style::Modifier::REVERSED)
            })
            .map(|x| buffer[(x, 0)].symbol())
            .collect::<String>()
            .trim()
            .to_string()
    };
    let mut app = demo_app();
    assert_eq!(highlighted(&app), "1 Diary");
    key(&mut app, KeyCode::Char('/'));
    for c in "Gareth type:file".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.context(), starlog::tui::Context::Evidence);
    assert_eq!(highlighted(&app), "E Evidence");
    // E from a screen shows the same.
    key(&mut app, KeyCode::Esc);
    assert_eq!(highlighted(&app), "1 Diary", "back where the search began");
    app.update(Action::ShowScreen(Screen::Plan));
    app.update(Action::ShowEvidence);
    assert_eq!(highlighted(&app), "E Evidence");
}

/// The bug: the Trash view (`T`) covered the screen but the tab bar still
/// highlighted the screen beneath it (`2 Plan`), as if that were showing.
#[test]
fn the_trash_view_highlights_its_own_place_in_the_tab_bar() {
    let mut app = demo_app();
    app.update(Action::ShowScreen(Screen::Plan));
    // What `T` opens on an empty trash (the test app has no folder behind it).
    app.screens.lettered = Some(starlog::tui::screens::Lettered::Trash);
    assert_eq!(app.context(), starlog::tui::Context::Trash);
    let bar = render(&app, 80, 24);
    let bar = bar.lines().next().unwrap_or_default();
    assert!(bar.contains("T Trash"), "{bar}");
    assert_eq!(highlighted_tabs(&app), "T Trash");
    key(&mut app, KeyCode::Esc);
    assert_eq!(highlighted_tabs(&app), "2 Plan", "back to the Plan");
}

#[test]
fn every_screen_shows_days_in_the_configured_format() {
    let mut app = demo_app();
    app.config.date_format = "%d.%m.%Y".into();
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut views = Vec::new();
    for screen in Screen::ALL {
        app.update(Action::ShowScreen(screen));
        views.push((format!("{screen:?}"), render(&app, 120, 40)));
        app.update(Action::Open);
        views.push((format!("{screen:?} reader"), render(&app, 120, 40)));
        app.update(Action::Back);
    }
    for view in ["criteria", "readiness"] {
        app.update(Action::NextView);
        app.update(Action::Open);
        views.push((format!("{view} reader"), render(&app, 120, 40)));
        app.update(Action::Back);
    }
    // The search palette's results, each with its day.
    app.update(Action::ShowScreen(Screen::Diary));
    key(&mut app, KeyCode::Char('/'));
    for c in "refund".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    views.push(("search".into(), render(&app, 120, 40)));
    key(&mut app, KeyCode::Esc);
    for (name, shown) in views {
        assert!(shown.contains(".2026"), "{name}:\n{shown}");
        // Not ISO days, nor "17 Nov 26", "04 May 2027", "19 Nov diary" (the
        // learner's own words, "by 4 May by", may name a month; the Diary's
        // calendar strip and chart axes name months, not days).
        let body: String = shown.lines().skip(3).collect::<Vec<_>>().join("\n");
        assert!(!body.contains("2026-"), "{name} shows an ISO day:\n{shown}");
        for m in months {
            for old in [format!("{m} 2"), format!("{m} diary"), format!("{m} KPI")] {
                let as_day = body.match_indices(&old).any(|(i, _)| {
                    body[..i].ends_with(' ')
                        && body[..i - 1].ends_with(|c: char| c.is_ascii_digit())
                });
                assert!(!as_day, "{name} shows a day as `… {old}`:\n{shown}");
            }
        }
    }
}

/// The SMART advice on the Plan names days in the configured format too (it
/// wrote "30 Sep 2026" whatever the format was).
#[test]
fn the_smart_advice_names_days_in_the_configured_format() {
    let mut app = demo_app();
    app.config.date_format = "%d.%m.%Y".into();
    let first = app.model.records.objectives[0].id.clone();
    let o = &mut app.model.records.change().objectives[0];
    o.target_date = NaiveDate::from_ymd_opt(2026, 9, 30);
    o.review_date = NaiveDate::from_ymd_opt(2026, 9, 1);
    app.update(Action::ShowScreen(Screen::Plan));
    let row = app
        .ids(Screen::Plan)
        .iter()
        .position(|id| id == &first)
        .expect("listed");
    app.select(Screen::Plan, row);
    let plan = render(&app, 120, 40);
    assert!(
        plan.contains("target date (30.09.2026) has passed"),
        "{plan}"
    );
    assert!(!plan.contains("30 Sep 2026"), "{plan}");
}

/// The forms not drawn above, at 80x24, each with its whole advice in sight:
/// the profile, the export, and the evidence forms (witness statement and
/// sign-off; attaching a file needs a workspace on disk, so it is tried in
/// the e2e tests).
#[test]
fn the_other_forms_at_80x24() {
    let mut app = demo_app();
    app.update(Action::EditProfile);
    insta::assert_snapshot!("profile_form_80x24", render(&app, 80, 24));
    key(&mut app, KeyCode::Esc);
    app.update(Action::ShowScreen(Screen::Progress));
    app.update(Action::Export);
    // Not a snapshot: the suggested file is in the home folder of whoever
    // runs the tests. The advice is there in full.
    let shown = render(&app, 80, 24);
    assert!(shown.contains("Export the portfolio"), "{shown}");
    assert!(
        shown.contains("No e-mail addresses, phone numbers, card"),
        "{shown}"
    );
    assert!(
        shown.contains("Names cannot be detected: check that customers"),
        "{shown}"
    );
    assert!(shown.contains("are not named."), "{shown}");
    key(&mut app, KeyCode::Esc);
    app.update(Action::ShowEvidence);
    for (name, action) in [
        ("witness_form", Action::NewWitness),
        ("signoff_form", Action::SignOff),
    ] {
        app.update(action);
        assert!(app.layers.form.is_some(), "{name} opens");
        insta::assert_snapshot!(format!("{name}_80x24"), render(&app, 80, 24));
        key(&mut app, KeyCode::Esc);
        assert!(
            app.layers.form.is_none(),
            "{name} closes on Esc when untouched"
        );
    }
}

#[test]
fn the_coaching_log_of_the_demo_teams_coach_with_its_forms() {
    let team = starlog::demo::team(now().date_naive());
    let (name, header, records) = team.into_iter().next().expect("the coach");
    assert_eq!(name, "coach");
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = app_with(header.clone(), records.clone());
        key(&mut app, KeyCode::Char('C'));
        let screen = render(&app, w, h);
        assert!(screen.contains("C Coaching"), "{screen}");
        assert!(screen.contains("follow-up missed"), "{screen}");
        insta::assert_snapshot!(format!("coaching_log_{w}x{h}"), screen);
        key(&mut app, KeyCode::Char('i'));
        insta::assert_snapshot!(format!("coaching_impact_form_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Esc);
        // (A key typed straight after a form closes is not a command.)
        app.update(Action::New);
        insta::assert_snapshot!(format!("coaching_form_{w}x{h}"), render(&app, w, h));
        key(&mut app, KeyCode::Esc);
        key(&mut app, KeyCode::Esc);
        assert!(
            !render(&app, w, h).contains("C Coaching"),
            "Esc closes the log"
        );
    }
    let mut app = empty_app();
    key(&mut app, KeyCode::Char('C'));
    let screen = render(&app, 80, 24);
    assert!(screen.contains("No coaching sessions yet."), "{screen}");
    for (w, h) in [(0, 0), (1, 1), (20, 5), (40, 10), (60, 14)] {
        render(&app, w, h);
    }
}

#[test]
fn the_read_only_mark_stays_whole_and_a_long_name_gives_way_at_80_columns() {
    // A team leader opens a learner from the Team screen: the tab bar must
    // still say the learner is read-only, however long their name.
    let mut app = demo_app();
    app.model.header.profile.name = "Anastasia Konstantinidou-Whitfield".into();
    app.session.read_only_reason = Some("opened from the Team screen".into());
    let screen = render(&app, 80, 24);
    let bar = screen.lines().next().unwrap_or_default();
    assert!(bar.trim_end().ends_with("[read-only]"), "{bar}");
    assert!(
        bar.contains("Anast… [read-only]"),
        "as much of the name as fits, marked as cut: {bar}"
    );
}

/// The bug: at 80x24 the coaching log's session pane showed a session's
/// first eleven rows and the rest (the feedback, the actions agreed, the
/// impact) could not be reached. PgDn scrolls it to its end, PgUp back, the
/// title says there is more, another session starts at the top, and help
/// lists the keys.
#[test]
fn the_coaching_session_scrolls_at_80x24() {
    let team = starlog::demo::team(now().date_naive());
    let (_, header, records) = team.into_iter().next().expect("the coach");
    let mut app = app_with(header, records);
    key(&mut app, KeyCode::Char('C'));
    render_kept(&mut app, 80, 24);
    let top = render(&app, 80, 24);
    assert!(top.contains("Held: "), "{top}");
    assert!(top.contains("more, PgDn"), "{top}");
    assert!(!top.contains("Impact: "), "the end is out of sight:\n{top}");
    for _ in 0..10 {
        key(&mut app, KeyCode::PageDown);
        render_kept(&mut app, 80, 24);
    }
    let end = render(&app, 80, 24);
    assert!(end.contains("Impact: "), "{end}");
    assert!(end.contains("end, PgUp back"), "{end}");
    assert!(!end.contains("Held: "), "{end}");
    insta::assert_snapshot!("coaching_session_scrolled_80x24", end);
    // PgUp goes back a page at a time, to the top.
    key(&mut app, KeyCode::PageUp);
    render_kept(&mut app, 80, 24);
    assert!(render(&app, 80, 24).contains("more, PgDn"));
    for _ in 0..10 {
        key(&mut app, KeyCode::PageUp);
        render_kept(&mut app, 80, 24);
    }
    assert_eq!(render(&app, 80, 24), top);
    // Another session starts at its top.
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::Char('j'));
    let next = render(&app, 80, 24);
    assert!(next.contains("Held: "), "{next}");
    // Help lists the keys.
    key(&mut app, KeyCode::Char('?'));
    let help = render(&app, 100, 400);
    assert!(help.contains("scroll the session down"), "{help}");
    assert!(help.contains("PgDn"), "{help}");
}
