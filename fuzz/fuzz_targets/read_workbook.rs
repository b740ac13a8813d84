//! Fuzz target: any bytes through the whole ingest pipeline, within the default limits, must
//! return (Ok or a typed error), never panic, and stay within issue 16's bounds: at most 200 MB
//! allocated at once (counted here, per input) and a bounded time (here a generous 10 s for a
//! sanitizer build; `-timeout=5` on the command line holds it tighter, see fuzz/README.md).
#![no_main]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use libfuzzer_sys::fuzz_target;
use oj_analys::ingest::{read_workbook, ReadOptions};

/// Bytes allocated now, and the most since the current input started.
static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

struct Counting;

fn grow(n: usize) {
    let now = CURRENT.fetch_add(n, Ordering::Relaxed).saturating_add(n);
    PEAK.fetch_max(now, Ordering::Relaxed);
}

fn shrink(n: usize) {
    CURRENT.fetch_sub(n, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grow(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        shrink(layout.size());
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrink(layout.size());
            grow(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MAX_MEMORY: usize = 200 * 1024 * 1024;
const MAX_TIME: Duration = Duration::from_secs(10);

fuzz_target!(|data: &[u8]| {
    let start = CURRENT.load(Ordering::Relaxed);
    PEAK.store(start, Ordering::Relaxed);
    let started = Instant::now();
    let _ = read_workbook("fuzz.xlsx", data, &ReadOptions::default());
    let elapsed = started.elapsed();
    let held = PEAK.load(Ordering::Relaxed).saturating_sub(start);
    assert!(
        held <= MAX_MEMORY,
        "{} bytes in: {} MB held at once",
        data.len(),
        held >> 20
    );
    assert!(
        elapsed <= MAX_TIME,
        "{} bytes in: {elapsed:?}",
        data.len()
    );
});
