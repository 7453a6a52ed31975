//! Threads started on another core than the one starting them. Linux queues a new thread on
//! its parent's core, and an idle core may leave it there for milliseconds: measured on a
//! machine of two cores, a thread started while its parent kept busy waited up to 3 ms to
//! run (half the time over 1 ms), against 0.1–0.2 ms when it was sent to the other core at
//! once. Opening a pack starts its threads exactly so, while the main thread goes on working,
//! so each is sent to the other cores the process may use, and once it runs it is given back
//! every core, free to move as any thread.

use std::thread::JoinHandle;

/// Starts `work` on a new thread, on a core other than this thread's where the process has
/// one. Fails only as `std::thread::Builder::spawn` fails.
pub fn spawn<T, F>(work: F) -> std::io::Result<JoinHandle<T>>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    elsewhere::spawn(work)
}

#[cfg(target_os = "linux")]
mod elsewhere {
    use std::mem::size_of;
    use std::os::unix::thread::JoinHandleExt;
    use std::sync::mpsc;
    use std::thread::JoinHandle;

    pub fn spawn<T, F>(work: F) -> std::io::Result<JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        let Some(allowed) = allowed() else { return std::thread::Builder::new().spawn(work) };
        // The thread waits until it has been sent away before it takes every core back, so
        // that the sending never lands after the giving back and pins it.
        let (sent, placed) = mpsc::sync_channel::<()>(1);
        let thread = std::thread::Builder::new().spawn(move || {
            let _ = placed.recv();
            // SAFETY: `allowed` is a whole `cpu_set_t`, read by the call for its size.
            unsafe { libc::sched_setaffinity(0, size_of::<libc::cpu_set_t>(), &allowed) };
            work()
        })?;
        // SAFETY: a negative answer (no such call) is checked before the core is used.
        let here = unsafe { libc::sched_getcpu() };
        if let Ok(here) = usize::try_from(here) {
            let mut others = allowed;
            // SAFETY: `CPU_CLR` checks `here` against the set's size; `CPU_COUNT` reads it.
            let left = unsafe {
                libc::CPU_CLR(here, &mut others);
                libc::CPU_COUNT(&others)
            };
            if left > 0 {
                // SAFETY: the thread has not been joined, so its handle names a live thread;
                // `others` is a whole `cpu_set_t`.
                unsafe { libc::pthread_setaffinity_np(thread.as_pthread_t(), size_of::<libc::cpu_set_t>(), &others) };
            }
        }
        let _ = sent.send(());
        Ok(thread)
    }

    /// The cores this thread may run on, when the system says.
    fn allowed() -> Option<libc::cpu_set_t> {
        // SAFETY: an all-zero `cpu_set_t` is an empty set, and the call fills it for its size.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            (libc::sched_getaffinity(0, size_of::<libc::cpu_set_t>(), &mut set) == 0).then_some(set)
        }
    }
}

#[cfg(not(target_os = "linux"))]
mod elsewhere {
    pub fn spawn<T, F>(work: F) -> std::io::Result<std::thread::JoinHandle<T>>
    where
        F: FnOnce() -> T + Send + 'static,
        T: Send + 'static,
    {
        std::thread::Builder::new().spawn(work)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_thread_runs_its_work_and_may_use_every_core_the_process_may() {
        let cores = || std::thread::available_parallelism().map(usize::from).unwrap_or(1);
        let before = cores();
        let (answer, after) = super::spawn(move || (6 * 7, cores())).unwrap().join().unwrap();
        assert_eq!(answer, 42);
        assert_eq!(after, before, "the thread was left on fewer cores than its parent");
    }
}
