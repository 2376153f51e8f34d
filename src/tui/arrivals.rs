//! Records that `starlog add`, `feedback add` and `kpi add` write while the
//! app is open appear within about a second, without a key: the loop wakes
//! once a second while idle and asks the store what is new (see
//! `store::arrivals` for why a folder check rather than a watcher).

use super::{App, Screen};
use crate::domain::words::count;
use crate::domain::{AnyRecord, Id};
use crate::store::FolderStamps;
use std::time::Duration;

/// How often the idle loop looks for records added by other processes.
pub const ARRIVAL_CHECK: Duration = Duration::from_secs(1);

impl App {
    /// Reads the records other processes created since `stamps` were taken
    /// and shows them; returns the stamps to compare with next time. While
    /// the background load runs nothing is read: the load picks them up.
    pub fn take_arrivals(&mut self, stamps: &FolderStamps) -> FolderStamps {
        let Some(ws) = &self.session.ws else {
            return stamps.clone();
        };
        if !self.model.complete {
            return stamps.clone();
        }
        let trashed = &self.session.trashed;
        let (found, next) = ws.arrivals(stamps, |id| {
            self.model.files.contains_key(id) || trashed.contains(id)
        });
        if found.is_empty() {
            return next;
        }
        let mut read = Vec::new();
        for arrival in found {
            match ws.read_any(arrival.kind, &arrival.rel_path) {
                Ok((record, state, mut problems)) => {
                    self.model.problems.append(&mut problems);
                    read.push((record, state));
                }
                Err(problem) => self.model.problems.push(problem),
            }
        }
        let selected: Vec<Option<Id>> = Screen::ALL.iter().map(|s| self.selected_id(*s)).collect();
        let mut diary = 0;
        let mut other = 0;
        for (record, state) in read {
            if matches!(record, AnyRecord::Diary(_)) {
                diary += 1;
                self.model.diary_total += 1;
            } else {
                other += 1;
            }
            self.model.files.insert(record.id().clone(), state);
            self.model.records.change().upsert(record);
        }
        // The selection stays on the same record when one is added above it.
        for (screen, id) in Screen::ALL.iter().zip(selected) {
            if let Some(id) = id
                && let Some(pos) = self.ids(*screen).iter().position(|x| *x == id)
            {
                self.select(*screen, pos);
            }
            self.clamp(*screen);
        }
        let mut parts = Vec::new();
        if diary > 0 {
            parts.push(count(diary, "diary entry", "diary entries"));
        }
        if other > 0 {
            parts.push(count(other, "other record", "other records"));
        }
        if !parts.is_empty() {
            let text = format!("Added from outside the app: {}", parts.join(" and "));
            self.add_to_status(text, false);
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Mode, Workspace};

    #[test]
    fn an_entry_added_from_the_shell_shows_without_a_key() {
        let root = tempfile::tempdir().expect("temp dir");
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T10:00:00+00:00").unwrap();
        let ws = Workspace::open(root.path(), "default", Mode::Write).expect("opens");
        let mut app = App::open(ws, now).expect("app opens");
        app.model.complete = true;
        let stamps = app
            .session
            .ws
            .as_ref()
            .map(|w| w.folder_stamps())
            .expect("a workspace");
        // `starlog add` in another terminal: a capture handle, as that process has.
        let other = Workspace::open(root.path(), "default", Mode::Capture).expect("capture");
        let mut entry = crate::domain::DiaryEntry::new(Id::generate(), now.date_naive(), now);
        entry.text = "Calmed a caller whose parcel went missing".into();
        other.create(&entry).expect("saved by the other process");
        let stamps = app.take_arrivals(&stamps);
        assert_eq!(app.model.records.diary.len(), 1);
        assert_eq!(app.model.records.diary[0].text, entry.text);
        assert!(
            app.status
                .as_ref()
                .is_some_and(|s| s.text.contains("1 diary entry")),
            "{:?}",
            app.status
        );
        // Nothing new: nothing read twice.
        app.status = None;
        app.take_arrivals(&stamps);
        assert_eq!(app.model.records.diary.len(), 1);
        assert!(app.status.is_none());
    }
}
