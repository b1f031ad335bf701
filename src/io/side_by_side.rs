//! Two pieces of work at once, for the commands that read two or three
//! files: reading RON is most of their time, and a second core halves it.

/// Runs `first` here and `second` on a thread of its own, named `name`, and
/// returns both results; runs them one after the other when no thread can
/// be started.
///
/// # Panics
///
/// When `first` or `second` panics: a panic on the thread is carried
/// over to the caller.
#[expect(
    clippy::expect_used,
    reason = "`second` is taken out of its cell once: by the thread when it starts, here when it does not"
)]
pub fn side_by_side<A, B>(
    name: &str,
    first: impl FnOnce() -> A,
    second: impl FnOnce() -> B + Send,
) -> (A, B)
where
    B: Send,
{
    // `second` is kept in a cell so that, when the thread cannot be
    // started, it is still here to run.
    let second = std::sync::Mutex::new(Some(second));
    let take = || {
        second
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
    };
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn_scoped(scope, || take().map(|f| f()));
        let a = first();
        let b = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        let b = b.or_else(|| take().map(|f| f()));
        (a, b.expect("`second` runs on the thread or here"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_results_come_back_in_order() {
        let (a, b) = side_by_side("test", || 1 + 1, || "two".to_owned());
        assert_eq!((a, b.as_str()), (2, "two"), "each result in its place");
    }

    #[test]
    fn the_second_runs_on_a_named_thread_of_its_own() {
        let here = std::thread::current().id();
        let ((), (id, name)) = side_by_side(
            "capmap test reader",
            || (),
            || {
                let me = std::thread::current();
                (me.id(), me.name().map(ToOwned::to_owned))
            },
        );
        assert_ne!(id, here, "not on the caller's thread");
        assert_eq!(name.as_deref(), Some("capmap test reader"), "named");
    }

    #[test]
    fn a_panic_on_the_thread_reaches_the_caller() {
        let result = std::panic::catch_unwind(|| {
            side_by_side("test", || (), || -> u8 { panic!("read failed") })
        });
        assert!(result.is_err(), "the panic is not swallowed");
    }
}
