//! What keys do on the Reviews screen: `n` holds a review, `c` compares the
//! selected review with the one before it (again: with today's plan), `e`
//! records a correction (reviews are never edited), `Enter` reads one.

pub mod view;

use crate::domain::review::timeline;
use crate::domain::{Id, Review};
use crate::tui::forms::review::ReviewForm;
use crate::tui::{Action, App, Form, Screen};

/// The Reviews screen's own state.
#[derive(Debug, Default)]
pub struct ReviewsState {
    /// The selected review, in timeline order.
    pub selected: usize,
    /// The compare view, when open (in the reader).
    pub compare: Option<Compare>,
}

/// What the selected review is compared with in the compare view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// The review before it: what this review changed, with its reasons.
    Previous,
    /// Today's plan: what has changed since this review.
    Today,
}

impl App {
    pub(in crate::tui) fn reviews_action(&mut self, action: Action) {
        match action {
            Action::Open => {
                self.screens.reviews.compare = None;
                self.open_reader();
            }
            Action::New => self.new_review(),
            Action::Edit => self.correct_selected_review(),
            Action::Compare => self.compare_selected_review(),
            Action::Delete => self.set_status(
                "Reviews are kept as they were held and cannot be deleted. To put one right, press e to record a correction",
            ),
            _ => {}
        }
    }

    /// The selected review on the Reviews screen, in timeline order.
    pub fn selected_review(&self) -> Option<&Review> {
        timeline::display_order(&self.model.records.reviews)
            .get(self.selected(Screen::Reviews))
            .copied()
    }

    /// The review ids in the order the timeline lists them.
    pub(in crate::tui) fn review_ids(&self) -> Vec<Id> {
        timeline::display_order(&self.model.records.reviews)
            .iter()
            .map(|r| r.id.clone())
            .collect()
    }

    /// `c`: the compare view, first against the review before; pressed again,
    /// against today's plan.
    fn compare_selected_review(&mut self) {
        if self.selected_review().is_none() {
            self.set_status("No review to compare yet: press n to hold the first one");
            return;
        }
        self.screens.reviews.compare =
            match (self.layers.reader.is_some(), self.screens.reviews.compare) {
                (true, Some(Compare::Previous)) => Some(Compare::Today),
                _ => Some(Compare::Previous),
            };
        self.layers.reader = Some(0);
    }

    /// `n`: a review of today's plan.
    pub fn new_review(&mut self) {
        if !self.writable() {
            return;
        }
        if !self.model.complete {
            self.set_status("Still loading; try again in a moment");
            return;
        }
        let form = ReviewForm::new(
            &self.model.records,
            self.model.header.settings.review_interval_days,
            self.today,
            self.criteria.as_ref(),
        );
        if form.spec.decisions.is_empty() && self.model.records.objectives.is_empty() {
            self.set_status(
                "Your plan has no objectives yet: a review decides about each one. Add them on the Plan screen (2) first",
            );
            return;
        }
        self.layers.form = Some(Form::Review(Box::new(form)));
    }

    /// `e`: a correction of the selected review, which itself stays as it was.
    fn correct_selected_review(&mut self) {
        if !self.writable() {
            return;
        }
        if !self.model.complete {
            self.set_status("Still loading; try again in a moment");
            return;
        }
        let Some(original) = self.selected_review().cloned() else {
            self.set_status("No review yet: press n to hold one");
            return;
        };
        let form = ReviewForm::correction(
            &self.model.records,
            &original,
            self.model.header.settings.review_interval_days,
            self.criteria.as_ref(),
        );
        self.layers.form = Some(Form::Review(Box::new(form)));
        self.set_status(
            "Reviews are never edited: saving this records a correction that names the original",
        );
    }
}

/// The Reviews screen, behind the [`Screen`](crate::tui::screens::Screen) trait.
pub struct ReviewsScreen;

impl crate::tui::screens::Screen for ReviewsScreen {
    fn len(&self, app: &App) -> usize {
        app.model.records.reviews.len()
    }
    fn ids(&self, app: &App) -> Vec<Id> {
        app.review_ids()
    }
    fn selected(&self, screens: &crate::tui::screens::Screens) -> usize {
        screens.reviews.selected
    }
    fn selection<'a>(&self, screens: &'a mut crate::tui::screens::Screens) -> &'a mut usize {
        &mut screens.reviews.selected
    }
    fn update(&self, app: &mut App, action: Action) {
        app.reviews_action(action)
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
