//! One thread that takes work off the main thread while a pack opens: opening the database,
//! then its part in decoding the pack's cache entry. A thread for each had three threads
//! busy on a machine of two cores: the database's, preempted by the decoding, waited in the
//! queue a scheduler's slice at a time, and took 2.7 to 5.5 ms to do 0.5 to 0.7 ms of work.
//! One helper doing them in turn leaves the main thread its core and each job a core of its
//! own. Jobs run in the order they are handed over; a job that panics ends alone, and the
//! next still runs.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, PoisonError};

type Job = Box<dyn FnOnce() + Send>;

/// The helper's queue, once it is started.
static QUEUE: Mutex<Option<Sender<Job>>> = Mutex::new(None);

/// Hands `job` to the helper, started (on [another core](crate::threads)) on first use; what
/// it returns comes through the receiver, which reports a closed channel if the job panicked.
/// `None` when no thread can be started: then nothing is run, and the caller does the work
/// itself.
pub fn run<T: Send + 'static>(job: impl FnOnce() -> T + Send + 'static) -> Option<Receiver<T>> {
    let (give, take) = mpsc::channel();
    let job: Job = Box::new(move || {
        let _ = give.send(job());
    });
    let mut queue = QUEUE.lock().unwrap_or_else(PoisonError::into_inner);
    if queue.is_none() {
        let (jobs, queued) = mpsc::channel::<Job>();
        crate::threads::spawn(move || {
            for job in queued {
                // The job's own channel tells whoever waits for it that it failed.
                let _ = catch_unwind(AssertUnwindSafe(job));
            }
        })
        .ok()?;
        *queue = Some(jobs);
    }
    // The helper never ends (a panic is caught, and the queue is never dropped), so a send
    // fails only where the thread was killed: then, as where none could start, the caller
    // does the work.
    queue.as_ref()?.send(job).ok()?;
    Some(take)
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};
    use std::time::Duration;

    #[test]
    fn jobs_run_in_the_order_given_and_a_panic_ends_only_its_own() {
        let order = Arc::new(Mutex::new(Vec::new()));
        let noted = |n: u8, wait: u64| {
            let order = Arc::clone(&order);
            move || {
                std::thread::sleep(Duration::from_millis(wait));
                order.lock().unwrap().push(n);
                n
            }
        };
        let first = super::run(noted(1, 20)).unwrap();
        let failing = super::run(|| -> u8 { panic!("a job that fails") }).unwrap();
        let last = super::run(noted(3, 0)).unwrap();
        assert_eq!(last.recv(), Ok(3));
        assert_eq!(first.recv(), Ok(1));
        assert!(failing.recv().is_err(), "a job that panicked is reported failed");
        assert_eq!(*order.lock().unwrap(), vec![1, 3]);
    }
}
