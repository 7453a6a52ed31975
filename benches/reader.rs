//! Criterion benchmarks of the reader's hot paths on a generated 5 MB pack: wrapping,
//! glossary term marking, search, and one frame of the app.
//!
//!     cargo bench --bench reader

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::pack::source::Origin;
use lectern::pack::{Pack, load};
use lectern::sample::{Spec, generate};
use lectern::text::search::Search;
use lectern::text::terms::TermIndex;
use lectern::text::wrap::wrap;
use lectern::ui::app::{App, Options};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn big_pack(terms: usize) -> Pack {
    let generated = generate(&Spec { bytes: 5 << 20, terms, questions: 2000, seed: 1 });
    let files = generated.files.map(|f| Some(f.into_bytes()));
    load(Origin::Memory { id: "big", files: &files }).pack
}

fn benches(c: &mut Criterion) {
    let pack = big_pack(2000);
    let blocks = &pack.article.blocks;

    c.bench_function("wrap 5 MB at 80 columns", |b| {
        b.iter(|| blocks.iter().map(|block| wrap(black_box(&block.text), 80).len()).sum::<usize>())
    });

    let index = |n: usize, pack: &Pack| {
        TermIndex::new(
            pack.terms[..n.min(pack.terms.len())]
                .iter()
                .map(|t| std::iter::once(t.term.as_str()).chain(t.aliases.iter().map(String::as_str))),
        )
    };
    for n in [50, 2000] {
        let terms = index(n, &pack);
        c.bench_function(&format!("mark {n} terms in 5 MB"), |b| {
            b.iter(|| blocks.iter().map(|block| terms.find(black_box(&block.text)).len()).sum::<usize>())
        });
    }

    let search = Search::new("market").unwrap();
    c.bench_function("search 5 MB", |b| b.iter(|| search.find_all(black_box(&pack.article)).len()));

    let app = App::new(pack.clone(), Options::default(), Rect::new(0, 0, 120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("draw one 120x40 frame of the 5 MB pack", |b| {
        b.iter(|| terminal.draw(|frame| lectern::ui::draw::draw(&app, frame)).unwrap().area)
    });

    c.bench_function("open the 5 MB pack (App::new)", |b| {
        b.iter(|| App::new(pack.clone(), Options::default(), Rect::new(0, 0, 120, 40)).reader.layout.wrapped)
    });
}

criterion_group! {
    name = reader;
    config = Criterion::default().sample_size(10);
    targets = benches
}
criterion_main!(reader);
