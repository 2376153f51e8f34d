//! Background work: one way to start it and one way for it to report.
//!
//! Every thread the app starts (the load, the search worker, the export,
//! the tidy, the load cache's refresh, the file viewer's wait, freeing a
//! large set of records) is a job started through [`Jobs::start`]. A job
//! reports by posting updates, each a change to make to the app on the UI
//! thread; every post lands on one channel and wakes the event loop, which
//! applies what was posted and draws. So the loop sleeps until there is
//! something to show (a key, a job's news, a timer of its own such as the
//! draft's), and a job's result is on screen the moment it is posted: no
//! job is polled.
//!
//! Generic over what the updates change (`T`, the app), so this module
//! knows nothing of the app and the app's modules can all start jobs.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender};

/// A change a job posts, made to `T` on the UI thread.
pub type Update<T> = Box<dyn FnOnce(&mut T) + Send>;

/// The kinds of background work, to ask whether one is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Reading every record from the workspace (and working out from them).
    Load,
    /// Searching a large workspace as the learner types.
    Search,
    /// Building and writing the portfolio.
    Export,
    /// Making the workspace's files private to their owner.
    Tidy,
    /// Bringing the load cache up to date after saves.
    Cache,
    /// Waiting for the system's viewer to open a file.
    Viewer,
    /// Freeing a large set of records off the UI thread.
    Free,
}

impl Kind {
    const ALL: [Kind; 7] = [
        Kind::Load,
        Kind::Search,
        Kind::Export,
        Kind::Tidy,
        Kind::Cache,
        Kind::Viewer,
        Kind::Free,
    ];

    fn index(self) -> usize {
        Kind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    fn thread_name(self) -> &'static str {
        match self {
            Kind::Load => "starlog-load",
            Kind::Search => "starlog-search",
            Kind::Export => "starlog-export",
            Kind::Tidy => "starlog-tidy",
            Kind::Cache => "starlog-cache",
            Kind::Viewer => "starlog-viewer",
            Kind::Free => "starlog-free",
        }
    }
}

/// Ends the event loop's wait. Without one (tests that drive the loop with
/// scripted events) posts wait for the loop's next turn.
#[derive(Clone, Default)]
pub struct Waker(Option<Arc<dyn Fn() + Send + Sync>>);

impl std::fmt::Debug for Waker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Waker"
        } else {
            "Waker(none)"
        })
    }
}

impl Waker {
    pub fn new(wake: impl Fn() + Send + Sync + 'static) -> Waker {
        Waker(Some(Arc::new(wake)))
    }

    fn wake(&self) {
        if let Some(wake) = &self.0 {
            wake();
        }
    }
}

/// A job's way to report: each post is applied on the UI thread and wakes
/// the loop. Cloned freely (a job may hand it to threads of its own).
pub struct Post<T> {
    tx: Sender<Update<T>>,
    waker: Waker,
}

impl<T> Clone for Post<T> {
    fn clone(&self) -> Self {
        Post {
            tx: self.tx.clone(),
            waker: self.waker.clone(),
        }
    }
}

impl<T> Post<T> {
    /// Posts `update` and wakes the loop. False once the app is gone (the
    /// job may then stop).
    pub fn post(&self, update: impl FnOnce(&mut T) + Send + 'static) -> bool {
        let sent = self.tx.send(Box::new(update)).is_ok();
        if sent {
            self.waker.wake();
        }
        sent
    }
}

/// The jobs running and the one channel they report on.
pub struct Jobs<T> {
    tx: Sender<Update<T>>,
    rx: Receiver<Update<T>>,
    waker: Waker,
    /// How many jobs of each kind are running (a job's thread counts
    /// itself out as it ends, whatever way it ends).
    running: Arc<[AtomicUsize; Kind::ALL.len()]>,
}

impl<T> std::fmt::Debug for Jobs<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let running: Vec<(Kind, usize)> = Kind::ALL
            .iter()
            .map(|k| (*k, self.running[k.index()].load(Ordering::Relaxed)))
            .filter(|(_, n)| *n > 0)
            .collect();
        f.debug_struct("Jobs")
            .field("waker", &self.waker)
            .field("running", &running)
            .finish()
    }
}

impl<T> Default for Jobs<T> {
    fn default() -> Self {
        let (tx, rx) = std::sync::mpsc::channel();
        Jobs {
            tx,
            rx,
            waker: Waker::default(),
            running: Arc::new(std::array::from_fn(|_| AtomicUsize::new(0))),
        }
    }
}

/// Counts a job out when its thread ends, a panic included.
struct Running(Arc<[AtomicUsize; Kind::ALL.len()]>, usize);

impl Drop for Running {
    fn drop(&mut self) {
        self.0[self.1].fetch_sub(1, Ordering::AcqRel);
    }
}

impl<T: 'static> Jobs<T> {
    /// Posts from now on wake the loop through `waker`.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = waker;
    }

    /// A handle to post with, for work that reports from a thread it
    /// started itself.
    pub fn post(&self) -> Post<T> {
        Post {
            tx: self.tx.clone(),
            waker: self.waker.clone(),
        }
    }

    /// Starts `work` on a thread of its own, handing it the way to post.
    /// Errs when no thread could be started (nothing then runs).
    pub fn start(
        &self,
        kind: Kind,
        work: impl FnOnce(Post<T>) + Send + 'static,
    ) -> std::io::Result<()> {
        let post = self.post();
        let slot = kind.index();
        self.running[slot].fetch_add(1, Ordering::AcqRel);
        let running = Running(Arc::clone(&self.running), slot);
        std::thread::Builder::new()
            .name(kind.thread_name().into())
            .spawn(move || {
                let _running = running;
                work(post);
            })
            .map(drop)
        // (A thread that could not start drops its `Running`: counted out.)
    }

    /// Whether a job of `kind` is still running.
    pub fn running(&self, kind: Kind) -> bool {
        self.running[kind.index()].load(Ordering::Acquire) > 0
    }

    /// Everything posted so far, oldest first, for the loop to apply.
    pub fn take(&self) -> Vec<Update<T>> {
        self.rx.try_iter().collect()
    }

    /// Like [`Jobs::take`], waiting up to `timeout` for a first post.
    pub fn wait(&self, timeout: std::time::Duration) -> Vec<Update<T>> {
        match self.rx.recv_timeout(timeout) {
            Ok(first) => std::iter::once(first).chain(self.rx.try_iter()).collect(),
            Err(_) => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_post_wakes_the_loop_and_is_made_on_its_thread() {
        let (wakes, woken) = std::sync::mpsc::channel();
        let mut jobs = Jobs::<Vec<&'static str>>::default();
        jobs.set_waker(Waker::new(move || {
            let _ = wakes.send(());
        }));
        let (go, wait) = std::sync::mpsc::channel::<()>();
        jobs.start(Kind::Export, move |post| {
            let _ = wait.recv();
            post.post(|said| said.push("done"));
        })
        .expect("starts");
        assert!(jobs.running(Kind::Export));
        assert!(!jobs.running(Kind::Load), "only the kind started runs");
        assert!(
            jobs.take().is_empty(),
            "nothing posted before the job says so"
        );
        let _ = go.send(());
        // The loop, asleep with no timeout, is woken by the post itself.
        woken
            .recv_timeout(Duration::from_secs(10))
            .expect("the post woke the loop");
        let mut said = Vec::new();
        for update in jobs.take() {
            update(&mut said);
        }
        assert_eq!(said, ["done"]);
        let until = std::time::Instant::now() + Duration::from_secs(10);
        while jobs.running(Kind::Export) {
            assert!(std::time::Instant::now() < until, "the job ended");
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_job_that_panics_is_counted_out() {
        let jobs = Jobs::<()>::default();
        jobs.start(Kind::Tidy, |_| panic!("a bug in a job"))
            .expect("starts");
        let until = std::time::Instant::now() + Duration::from_secs(10);
        while jobs.running(Kind::Tidy) {
            assert!(std::time::Instant::now() < until, "counted out");
            std::thread::yield_now();
        }
    }
}
