//! What keys do on the Progress screen, and what it shows worked out once per
//! change of the records (not per frame): each KPI's readings, criteria
//! coverage, the readiness verdicts. `←`/`→` switch between the KPI charts,
//! the criteria matrix and the readiness checklist; `n` records a KPI reading;
//! `x` exports the portfolio in the background.

pub mod view;

use crate::domain::coverage::{self, Coverage};
use crate::domain::kpi::{self, Scale};
use crate::domain::readiness::{self, Verdict};
use crate::domain::{Id, KpiReading, privacy};
use crate::export::{self, Request};
use crate::tui::forms::export::{ExportChoice, ExportForm};
use crate::tui::forms::kpi::KpiForm;
use crate::tui::jobs::Kind;
use crate::tui::{Action, App, Form, Screen};
use chrono::NaiveDate;

/// The three views of the Progress screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProgressView {
    #[default]
    Kpis,
    Criteria,
    Readiness,
}

impl ProgressView {
    pub const ALL: [ProgressView; 3] = [
        ProgressView::Kpis,
        ProgressView::Criteria,
        ProgressView::Readiness,
    ];

    pub fn title(self) -> &'static str {
        match self {
            ProgressView::Kpis => "KPIs",
            ProgressView::Criteria => "Criteria",
            ProgressView::Readiness => "Readiness",
        }
    }

    fn index(self) -> usize {
        ProgressView::ALL
            .iter()
            .position(|v| *v == self)
            .unwrap_or(0)
    }
}

/// One metric's readings, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricSeries {
    pub metric: String,
    pub scale: Scale,
    pub readings: Vec<KpiReading>,
}

impl MetricSeries {
    pub fn latest(&self) -> Option<&KpiReading> {
        self.readings.last()
    }

    pub fn target(&self) -> Option<f64> {
        self.readings
            .iter()
            .rev()
            .find_map(|k| k.target)
            .filter(|t| kpi::drawable(*t))
    }
}

/// What the Progress screen shows, worked out from one state of the records.
#[derive(Debug, Clone, Default)]
pub struct ProgressData {
    pub rev: u64,
    pub today: Option<NaiveDate>,
    pub criteria_id: String,
    /// How the readiness advice names days (the learner's `date_format`).
    pub days: crate::domain::dates::Days,
    pub series: Vec<MetricSeries>,
    pub coverage: Option<Coverage>,
    pub verdicts: Vec<Verdict>,
}

/// What a background load works out for the app besides the records.
#[derive(Debug)]
pub struct Derived {
    /// The profile's first criteria set and the further ones.
    pub criteria: (
        Option<crate::domain::CriteriaSet>,
        Vec<crate::domain::CriteriaSet>,
    ),
    pub progress: ProgressData,
}

/// An export running in the background, as far as it has posted.
#[derive(Debug)]
pub struct ExportJob {
    pub done: usize,
    pub total: usize,
}

/// The Progress screen's own state.
#[derive(Debug, Default)]
pub struct ProgressState {
    pub view: ProgressView,
    /// The selection in each view, kept while another view is shown (the
    /// one selection of the screen: the current view's).
    selected: [usize; 3],
    pub export: Option<ExportJob>,
}

impl App {
    /// Shows the KPI `metric` on the Progress screen's KPI view, selected
    /// (after a reading of it was recorded).
    pub fn show_kpi(&mut self, metric: &str) {
        self.screens.progress.view = ProgressView::Kpis;
        let row = self
            .progress_data()
            .series
            .iter()
            .position(|s| s.metric == metric);
        if let Some(i) = row {
            self.select(Screen::Progress, i);
        }
    }

    /// Takes figures worked out elsewhere (the background load) from the
    /// records now in memory, so the UI thread need not work them out.
    /// (Worked out for another day or criteria set, they are redone when
    /// next shown.)
    pub fn progress_worked_out(&mut self, mut data: ProgressData) {
        data.rev = self.model.records.rev();
        self.derived.take_progress(data, self.model.records.rev());
        self.clamp(Screen::Progress);
    }

    /// Rows in the current Progress view.
    pub fn progress_len(&self) -> usize {
        let d = &self.derived.progress;
        match self.screens.progress.view {
            ProgressView::Kpis => d.series.len(),
            ProgressView::Criteria => d.coverage.as_ref().map_or(0, |c| c.criteria.len()),
            ProgressView::Readiness => d.verdicts.len(),
        }
    }

    pub(in crate::tui) fn progress_action(&mut self, action: Action) {
        match action {
            Action::Open if self.progress_len() > 0 => self.layers.reader = Some(0),
            Action::New if self.writable() => self.new_kpi_reading(),
            Action::Edit => self.edit_latest_reading(),
            Action::Delete
                if self.screens.progress.view == ProgressView::Kpis && self.progress_len() > 0 =>
            {
                self.layers.reader = Some(0);
                self.set_status("Pick the reading with ↑/↓, then d deletes it");
            }
            Action::NextView => self.switch_progress_view(1),
            Action::PreviousView => self.switch_progress_view(-1),
            Action::Export => self.open_export_form(),
            _ => {}
        }
    }

    /// Each view keeps its own selection: switching shows the next view's.
    fn switch_progress_view(&mut self, step: isize) {
        let i = self.screens.progress.view.index();
        let n = ProgressView::ALL.len() as isize;
        let next = ((i as isize + step).rem_euclid(n)) as usize;
        self.screens.progress.view = ProgressView::ALL[next];
        self.clamp(Screen::Progress);
    }

    /// The metric selected in the KPI view, if that view is showing.
    pub fn selected_series(&self) -> Option<MetricSeries> {
        if self.screens.progress.view != ProgressView::Kpis {
            return None;
        }
        self.derived
            .progress
            .series
            .get(self.selected(Screen::Progress))
            .cloned()
    }

    /// Opens the KPI form, set up for the selected metric.
    pub fn new_kpi_reading(&mut self) {
        let like = self.selected_series().and_then(|s| s.latest().cloned());
        let blank = KpiForm::blank(like.as_ref(), self.now);
        self.layers.form = Some(Form::Kpi(Box::new(KpiForm::new(
            blank,
            false,
            &self.model.records,
        ))));
    }

    /// `e` on a metric: correct its latest reading.
    fn edit_latest_reading(&mut self) {
        let Some(latest) = self.selected_series().and_then(|s| s.latest().cloned()) else {
            self.set_status(
                "Edit records from their own screen; here e corrects a KPI's latest reading",
            );
            return;
        };
        if !self.editable(&latest.id, "KPI reading") {
            return;
        }
        self.layers.reader = None;
        self.layers.form = Some(Form::Kpi(Box::new(KpiForm::new(
            latest,
            true,
            &self.model.records,
        ))));
    }

    fn open_export_form(&mut self) {
        if self.screens.progress.export.is_some() {
            self.set_status("An export is already running");
            return;
        }
        if !self.model.complete {
            self.set_status("Still loading; try again in a moment");
            return;
        }
        let hits = privacy::scan_workspace(&self.model.header, &self.model.records);
        self.layers.form = Some(Form::Export(Box::new(ExportForm::new(
            &self.model.header.profile.name,
            self.today,
            hits,
        ))));
    }

    /// Builds and writes the portfolio on a background thread; the status
    /// line shows its progress (it posts each whole percent).
    pub(in crate::tui) fn start_export(&mut self, choice: ExportChoice) {
        let header = self.model.header.clone();
        let records = self.model.records.shared();
        let criteria = self.criteria.clone();
        let today = self.today;
        let dir = self.session.ws.as_ref().map(|ws| ws.dir().to_path_buf());
        let total = export::steps(&records);
        let spawned = self.jobs.start(Kind::Export, move |post| {
            let files = match &dir {
                Some(dir) => crate::store::evidence::intact_files(dir, &records.evidence),
                None => Default::default(),
            };
            let mut shown = 0;
            let result = export::export(
                &Request {
                    header: &header,
                    records: &records,
                    criteria: criteria.as_ref(),
                    today,
                    smart: &export::build::smart_advice,
                    format: choice.format,
                    personal_data: choice.personal_data,
                    files: &files,
                },
                // Posted at each whole percent, for the status line.
                &mut |done, _| {
                    let percent = done * 100 / total.max(1);
                    if percent != shown {
                        shown = percent;
                        post.post(move |app: &mut App| {
                            if let Some(job) = &mut app.screens.progress.export {
                                job.done = done;
                            }
                        });
                    }
                },
            );
            let outcome = match result {
                Err(refusal) => Err(refusal.message()),
                Ok(done) => match crate::store::export_file::write_file(
                    &choice.path,
                    &done.bytes,
                    choice.overwrite,
                ) {
                    Ok(()) => {
                        let redacted = if done.redacted > 0 {
                            format!(
                                ", {} replaced",
                                crate::domain::words::count(
                                    done.redacted,
                                    "customer detail",
                                    "customer details"
                                )
                            )
                        } else {
                            String::new()
                        };
                        let unscanned = if done.unscanned.is_empty() {
                            String::new()
                        } else {
                            format!(
                                "; check these files for customer details yourself: {}",
                                done.unscanned.join(", ")
                            )
                        };
                        Ok(format!(
                            "Exported to {} ({} of {} readiness checks pass{redacted}{unscanned})",
                            choice.path.display(),
                            done.passed.0,
                            done.passed.1
                        ))
                    }
                    Err(e) => Err(format!(
                        "Could not write {}: {}",
                        choice.path.display(),
                        crate::store::io_reason(&e)
                    )),
                },
            };
            post.post(move |app| app.export_ended(outcome));
        });
        match spawned {
            Ok(_) => {
                self.screens.progress.export = Some(ExportJob { done: 0, total });
                self.set_status("Exporting…");
            }
            Err(e) => self.set_error(format!("Could not start the export: {e}")),
        }
    }

    /// Takes in the outcome of the export (posted as it ends).
    fn export_ended(&mut self, outcome: Result<String, String>) {
        self.screens.progress.export = None;
        match outcome {
            Ok(message) => self.set_status(message),
            Err(message) => self.set_error(message),
        }
    }

    /// How far a running export has got, as (done, total).
    pub fn export_progress(&self) -> Option<(usize, usize)> {
        self.screens
            .progress
            .export
            .as_ref()
            .map(|j| (j.done.min(j.total), j.total))
    }
}

/// The Progress screen's figures for `records`: each KPI's readings, the
/// criteria coverage and the readiness verdicts (for `rev` 0; the caller
/// says which records they belong to). Free of the app, so the background
/// load can work them out before the records reach the UI thread.
pub fn work_out(
    header: &crate::domain::WorkspaceHeader,
    r: &crate::domain::Records,
    criteria: Option<&crate::domain::CriteriaSet>,
    more_criteria: &[crate::domain::CriteriaSet],
    today: NaiveDate,
    days: &crate::domain::dates::Days,
) -> ProgressData {
    let mut series: Vec<MetricSeries> = Vec::new();
    // Never chart what cannot be drawn (a file edited by hand may hold
    // `inf` or `1e308`): such a reading is left out, not drawn.
    for k in r.kpis.iter().filter(|k| kpi::drawable(k.value)) {
        let name = k.metric_name();
        match series.iter_mut().find(|s| s.metric == name) {
            Some(s) => s.readings.push(k.clone()),
            None => series.push(MetricSeries {
                metric: name,
                scale: kpi::scale_of(k),
                readings: vec![k.clone()],
            }),
        }
    }
    for s in &mut series {
        s.readings
            .sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
        if let Some(last) = s.readings.last() {
            s.scale = kpi::scale_of(last);
        }
    }
    series.sort_by(|a, b| a.metric.cmp(&b.metric));
    let coverage = criteria.map(|set| coverage::coverage(set, r));
    let verdicts = readiness::check_with(
        &readiness::Portfolio {
            header,
            records: r,
            criteria,
            more_criteria,
            today,
            smart: &|o, t| readiness::smart_letters(o, t, days),
        },
        coverage.as_ref(),
    );
    ProgressData {
        rev: 0,
        today: Some(today),
        criteria_id: criteria.map(|c| c.id.clone()).unwrap_or_default(),
        days: days.clone(),
        series,
        coverage,
        verdicts,
    }
}

/// The Progress screen, behind the [`Screen`](crate::tui::screens::Screen) trait.
pub struct ProgressScreen;

impl crate::tui::screens::Screen for ProgressScreen {
    fn reader_links(&self, app: &App) -> Vec<Id> {
        let selected = app.selected(Screen::Progress);
        let data = &app.derived.progress;
        match app.screens.progress.view {
            ProgressView::Kpis => data
                .series
                .get(selected)
                .map(|s| s.readings.iter().rev().map(|k| k.id.clone()).collect())
                .unwrap_or_default(),
            ProgressView::Criteria => data
                .coverage
                .as_ref()
                .and_then(|c| c.criteria.get(selected))
                .map(|c| c.evidence.iter().map(|e| e.record.id.clone()).collect())
                .unwrap_or_default(),
            ProgressView::Readiness => data
                .verdicts
                .get(selected)
                .map(|v| v.records.iter().map(|r| r.id.clone()).collect())
                .unwrap_or_default(),
        }
    }
    fn len(&self, app: &App) -> usize {
        app.progress_len()
    }
    fn ids(&self, _app: &App) -> Vec<Id> {
        Vec::new()
    }
    fn selected(&self, screens: &crate::tui::screens::Screens) -> usize {
        screens.progress.selected[screens.progress.view.index()]
    }
    fn selection<'a>(&self, screens: &'a mut crate::tui::screens::Screens) -> &'a mut usize {
        let view = screens.progress.view.index();
        &mut screens.progress.selected[view]
    }
    fn update(&self, app: &mut App, action: Action) {
        app.progress_action(action)
    }
    fn refresh(&self, app: &mut App) {
        app.refresh_progress();
    }
    fn view(
        &self,
        app: &App,
        frame: &mut crate::tui::widgets::Canvas,
        area: ratatui::layout::Rect,
        st: &crate::tui::theme::Styles,
    ) {
        view::draw(app, frame, area, st);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Loaded;
    use crate::tui::Confirm;
    use chrono::DateTime;
    use std::sync::Arc;

    use crate::tui::testkit::demo_app;

    #[test]
    fn figures_are_worked_out_once_per_change_of_the_records() {
        let mut app = demo_app();
        assert_eq!(app.progress_data().series.len(), 3);
        // A change that does not go through the app is not seen: the figures
        // are not recomputed per frame...
        app.model.records.change_unnoticed().kpis.clear();
        assert_eq!(app.progress_data().series.len(), 3);
        // ...only when the records change through their one way in, which
        // says so itself (no revision to bump by hand).
        app.model.records.change();
        assert!(app.progress_data().series.is_empty());
    }

    #[test]
    fn figures_from_the_background_load_are_shown_without_working_them_out_again() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid");
        let (header, records) = crate::demo::story(now.date_naive());
        let loaded = Loaded {
            header,
            records,
            ..Loaded::default()
        };
        let mut by_itself = App::from_loaded(loaded.clone(), now);
        let shown = |d: &ProgressData| format!("{:?}", (&d.series, &d.coverage, &d.verdicts));
        let expected = shown(by_itself.progress_data());
        let criteria = (by_itself.criteria.clone(), by_itself.more_criteria.clone());
        let progress = work_out(
            &loaded.header,
            &loaded.records,
            criteria.0.as_ref(),
            &criteria.1,
            now.date_naive(),
            &Default::default(),
        );
        let mut app = App::from_loaded(Loaded::default(), now);
        app.apply_loaded_with(loaded, Some(Derived { criteria, progress }));
        assert_eq!(shown(app.progress_data()), expected);
        // Taken as they came: a change behind the app's back is not seen
        // until the records change through it.
        app.model.records.change_unnoticed().kpis.clear();
        assert_eq!(shown(app.progress_data()), expected);
        app.model.records.change();
        assert!(app.progress_data().series.is_empty());
    }

    #[test]
    fn a_load_shows_before_its_figures_and_a_save_meanwhile_leaves_the_background_its_records() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T09:30:00+00:00").expect("valid");
        let (header, records) = crate::demo::story(now.date_naive());
        let mut by_itself = App::from_loaded(
            Loaded {
                header: header.clone(),
                records: records.clone(),
                ..Loaded::default()
            },
            now,
        );
        let shown = |d: &ProgressData| format!("{:?}", (&d.series, &d.coverage, &d.verdicts));
        let expected = shown(by_itself.progress_data());
        let criteria = (by_itself.criteria.clone(), by_itself.more_criteria.clone());

        let mut app = App::from_loaded(Loaded::default(), now);
        let shared = Arc::new(records);
        let loaded = Loaded {
            header: header.clone(),
            ..Loaded::default()
        };
        assert!(app.apply_shared_load(loaded, Arc::clone(&shared), criteria.clone()));
        assert!(app.model.complete, "the whole list shows at once");
        assert!(
            Arc::ptr_eq(&app.model.records.shared(), &shared),
            "no copy of the records"
        );
        // A save while the background still reads them copies them first.
        let kept = shared.kpis.len();
        app.model.records.change().kpis.clear();
        assert_eq!(
            shared.kpis.len(),
            kept,
            "the background's records unchanged"
        );

        // What the background works out from the load's records, taken in
        // for records that did not change since (the loop checks that).
        let mut app = App::from_loaded(Loaded::default(), now);
        let loaded = Loaded {
            header: header.clone(),
            ..Loaded::default()
        };
        assert!(app.apply_shared_load(loaded, Arc::clone(&shared), criteria.clone()));
        let figures = work_out(
            &header,
            &shared,
            criteria.0.as_ref(),
            &criteria.1,
            now.date_naive(),
            &Default::default(),
        );
        app.progress_worked_out(figures);
        assert_eq!(shown(app.progress_data()), expected);
    }

    #[test]
    fn arrows_switch_views_and_keep_each_views_selection() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Progress));
        app.update(Action::Down);
        assert_eq!(app.selected_series().map(|s| s.metric), Some("CSAT".into()));
        app.update(Action::NextView);
        assert_eq!(app.screens.progress.view, ProgressView::Criteria);
        assert_eq!(app.selected(Screen::Progress), 0);
        assert_eq!(app.list_len(Screen::Progress), 8, "eight criteria");
        app.update(Action::NextView);
        assert_eq!(app.list_len(Screen::Progress), 22, "twenty-two rules");
        app.update(Action::NextView);
        assert_eq!(app.screens.progress.view, ProgressView::Kpis);
        assert_eq!(app.selected(Screen::Progress), 1, "CSAT still selected");
    }

    #[test]
    fn a_reading_saved_without_a_workspace_keeps_the_form_and_says_why() {
        let mut app = demo_app();
        app.update(Action::ShowScreen(Screen::Progress));
        app.update(Action::New);
        let Some(Form::Kpi(form)) = &mut app.layers.form else {
            panic!("the KPI form is open");
        };
        assert_eq!(form.fields.text("metric"), "AHT");
        form.fields.focus_on("value");
        for c in "350".chars() {
            form.handle_key_for_test(c);
        }
        app.update(Action::Save);
        let Some(Form::Kpi(form)) = &app.layers.form else {
            panic!("the form stays open when the save fails");
        };
        assert_eq!(form.fields.text("value"), "350", "the typed value is kept");
        assert!(form.error.is_some());
    }

    fn export_to(app: &mut App, path: &std::path::Path) {
        use crate::tui::forms::FormState;
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        app.update(Action::ShowScreen(Screen::Progress));
        app.update(Action::Export);
        let Some(Form::Export(form)) = &mut app.layers.form else {
            panic!("the export form is open");
        };
        form.fields.focus_on("file");
        for _ in 0..300 {
            form.handle_key(&KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        }
        for c in path.display().to_string().chars() {
            form.handle_key(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        app.update(Action::Save);
    }

    fn wait_for_export(app: &mut App) {
        app.settle(Kind::Export, std::time::Duration::from_secs(20));
        assert!(app.screens.progress.export.is_none(), "the export finished");
    }

    #[test]
    fn exporting_over_an_existing_file_asks_first_and_no_keeps_it() {
        let tmp = tempfile::tempdir().expect("tmp");
        let path = tmp.path().join("mine.html");
        std::fs::write(&path, "my own page").expect("write");
        let mut app = demo_app();
        export_to(&mut app, &path);
        assert!(matches!(
            app.layers.confirm,
            Some(Confirm::OverwriteExport(_))
        ));
        assert!(app.screens.progress.export.is_none(), "nothing started yet");
        app.update(Action::No);
        assert!(
            matches!(app.layers.form, Some(Form::Export(_))),
            "back to the form"
        );
        assert_eq!(std::fs::read(&path).expect("kept"), b"my own page");

        app.update(Action::Save);
        assert!(matches!(
            app.layers.confirm,
            Some(Confirm::OverwriteExport(_))
        ));
        app.update(Action::Yes);
        assert!(app.layers.form.is_none());
        wait_for_export(&mut app);
        let text = std::fs::read_to_string(&path).expect("replaced");
        assert!(text.contains("<html"), "{}", &text[..text.len().min(80)]);
    }

    #[test]
    fn the_app_never_exports_over_a_link_or_into_a_workspace() {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut app = demo_app();
        let ws = tmp.path().join("learner");
        std::fs::create_dir(&ws).expect("ws");
        std::fs::write(ws.join("workspace.ron"), "(format: 1)").expect("header");
        export_to(&mut app, &ws.join("diary.html"));
        let Some(Form::Export(form)) = &app.layers.form else {
            panic!("the form stays open");
        };
        let e = form.error.as_ref().expect("refused");
        assert!(e.message.contains("inside the workspace"), "{}", e.message);
        assert!(app.layers.confirm.is_none());
        assert!(!ws.join("diary.html").exists());
    }

    #[test]
    fn a_reading_too_large_to_draw_is_left_out_of_the_charts() {
        let mut app = demo_app();
        let mut huge = app.model.records.kpis[0].clone();
        huge.id = crate::domain::Id::from_parts(9, [9; 10]);
        huge.value = 1e308;
        huge.target = Some(f64::INFINITY);
        let metric = huge.metric_name();
        app.model.records.change().kpis.push(huge);
        for s in &app.progress_data().series {
            assert!(s.readings.iter().all(|k| kpi::drawable(k.value)));
            assert!(s.target().is_none_or(kpi::drawable));
        }
        let chart = crate::export::build::chart_for(&app.model.records, &metric);
        assert!(chart.points.iter().all(|p| kpi::drawable(p.value)));
        assert!(chart.target.is_none_or(kpi::drawable));
    }
}
