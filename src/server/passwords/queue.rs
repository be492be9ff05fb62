//! The queue in front of password hashing. A hash holds a core and 19 MiB for about 50 ms, so
//! they run at most one per core, and those waiting queue in two lines: the people we know
//! (a sign-in from a browser with a valid device cookie, an invitee setting up an account,
//! the command line) and everyone else. A free core goes to the first line first. The second
//! line is bounded: past `strangers_bound` waiting, a stranger's sign-in is refused at once
//! (`Busy`), before any hash, so a flood of guesses from many addresses can neither starve
//! the school's own staff nor queue minutes of work.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex, MutexGuard},
};

use tokio::sync::oneshot;

/// Which line a hash waits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A browser the account knows (valid device cookie), an invitee's setup, the CLI.
    Known,
    /// A sign-in from a browser no account knows.
    Stranger,
}

/// Refused at once: the strangers' line is full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("too many sign-ins are waiting")]
pub struct Busy;

struct Lines {
    free: usize,
    known: VecDeque<oneshot::Sender<Slot>>,
    strangers: VecDeque<oneshot::Sender<Slot>>,
}

pub struct HashQueue {
    lines: Mutex<Lines>,
    strangers_bound: usize,
}

/// A core to hash on; given to the next in line when dropped.
pub struct Slot {
    /// `None` once disarmed (see `release`).
    queue: Option<Arc<HashQueue>>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Some(queue) = self.queue.take() {
            queue.release();
        }
    }
}

impl HashQueue {
    /// `slots` hashes at once; at most `strangers_bound` strangers waiting.
    pub fn new(slots: usize, strangers_bound: usize) -> Arc<Self> {
        Arc::new(Self {
            lines: Mutex::new(Lines {
                free: slots.max(1),
                known: VecDeque::new(),
                strangers: VecDeque::new(),
            }),
            strangers_bound,
        })
    }

    fn lines(&self) -> MutexGuard<'_, Lines> {
        self.lines.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A slot, once it is this caller's turn in `line`. A caller that goes away while waiting
    /// gives up its place.
    pub async fn slot(self: &Arc<Self>, line: Line) -> Result<Slot, Busy> {
        let turn = {
            let mut lines = self.lines();
            let ahead = match line {
                Line::Known => lines.known.len(),
                Line::Stranger => lines.known.len() + lines.strangers.len(),
            };
            if lines.free > 0 && ahead == 0 {
                lines.free -= 1;
                return Ok(Slot { queue: Some(self.clone()) });
            }
            let (give, turn) = oneshot::channel();
            match line {
                Line::Known => lines.known.push_back(give),
                Line::Stranger => {
                    // Places of callers that went away are not counted against the bound.
                    if lines.strangers.len() >= self.strangers_bound {
                        lines.strangers.retain(|waiting| !waiting.is_closed());
                    }
                    if lines.strangers.len() >= self.strangers_bound {
                        return Err(Busy);
                    }
                    lines.strangers.push_back(give)
                }
            }
            turn
        };
        // A slot given to a caller that has just gone away is dropped, and so passed on.
        turn.await.map_err(|_| Busy)
    }

    /// How many strangers wait now (for tests and the benchmark).
    pub fn strangers_waiting(&self) -> usize {
        self.lines().strangers.iter().filter(|waiting| !waiting.is_closed()).count()
    }

    /// How many known callers wait now.
    pub fn known_waiting(&self) -> usize {
        self.lines().known.iter().filter(|waiting| !waiting.is_closed()).count()
    }

    /// A slot came back: to the first known caller still waiting, else the first stranger,
    /// else it is free.
    fn release(self: &Arc<Self>) {
        let mut lines = self.lines();
        loop {
            let next = lines.known.pop_front().or_else(|| lines.strangers.pop_front());
            let Some(next) = next else {
                lines.free += 1;
                return;
            };
            if next.is_closed() {
                continue;
            }
            // Sent under the lock: a slot travels to one waiter or comes straight back here.
            if let Err(mut slot) = next.send(Slot { queue: Some(self.clone()) }) {
                // The waiter went away between the check and the send. Dropping the slot
                // armed would call `release` again under this lock: disarm it and go on.
                slot.queue = None;
                continue;
            }
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Known callers queued after strangers are served before them, in their own order; a
    /// stranger over the bound is refused at once.
    #[tokio::test]
    async fn a_free_slot_goes_to_the_known_line_first_and_strangers_are_bounded() {
        let queue = HashQueue::new(1, 3);
        let held = queue.slot(Line::Known).await.unwrap();
        let order = Arc::new(Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for (name, line) in [
            ("s1", Line::Stranger),
            ("s2", Line::Stranger),
            ("k1", Line::Known),
            ("s3", Line::Stranger),
            ("k2", Line::Known),
        ] {
            let (queue, order) = (queue.clone(), order.clone());
            waiting.push(tokio::spawn(async move {
                let slot = queue.slot(line).await.unwrap();
                order.lock().unwrap().push(name);
                drop(slot);
            }));
            tokio::task::yield_now().await;
        }
        while queue.strangers_waiting() + queue.known_waiting() < 5 {
            tokio::task::yield_now().await;
        }
        assert_eq!(queue.slot(Line::Stranger).await.err(), Some(Busy), "the fourth stranger");
        drop(held);
        for task in waiting {
            task.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), ["k1", "k2", "s1", "s2", "s3"]);
        // All slots back: the next caller of either line goes at once.
        drop(queue.slot(Line::Stranger).await.unwrap());
    }

    /// A waiter that goes away gives its place up, and a slot meant for it goes on.
    #[tokio::test]
    async fn a_caller_that_goes_away_frees_its_place() {
        let queue = HashQueue::new(1, 1);
        let held = queue.slot(Line::Known).await.unwrap();
        let gone = tokio::spawn({
            let queue = queue.clone();
            async move { queue.slot(Line::Stranger).await.map(drop) }
        });
        while queue.strangers_waiting() == 0 {
            tokio::task::yield_now().await;
        }
        gone.abort();
        let _ = gone.await;
        let next = tokio::spawn({
            let queue = queue.clone();
            async move { queue.slot(Line::Stranger).await.map(drop) }
        });
        tokio::task::yield_now().await;
        drop(held);
        assert_eq!(next.await.unwrap(), Ok(()));
    }
}
