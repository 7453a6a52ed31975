//! Generated study packs of any size, for trying lectern on long texts and timing it.
//!
//! The article is the bundled article's body paragraphs, reshuffled round after round, each
//! copy with its sentences possibly reordered, split into `## Part N` sections, with a few
//! Chinese and emoji paragraphs mixed in. The glossary names words and phrases that occur in
//! the text, and the quiz cycles through all seven kinds of question.
//!
//! Every question's `ref` must land in the paragraph it was written for, but copies of the
//! same paragraph hold the same words, and a ref is linked to the *first* paragraph holding
//! its quote. So each quizzed paragraph opens with a dateline ("14 March 2026 — "), dates
//! rising through the text and never repeated, and every ref starts with its paragraph's
//! dateline. Refs thus spread over the whole text and each finds its own paragraph.
//!
//! Everything is drawn from one SplitMix64 stream seeded by [`Spec::seed`]: the same spec
//! gives byte-identical files.
//!
//! Built only with the `dev` feature, which tests, benches and examples turn on: the app
//! does not carry it.

use crate::study::deck::SplitMix64 as Rng;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use crate::pack::source::{BUNDLED, FILES, Origin};

/// What to generate.
pub struct Spec {
    /// The size of `article.md` to reach, in bytes (it ends within one paragraph above it).
    pub bytes: usize,
    /// Glossary entries. Capped at the distinct words and short phrases of the text (several
    /// thousand).
    pub terms: usize,
    /// Quiz questions.
    pub questions: usize,
    pub seed: u64,
}

/// A generated pack's four files, in the order of `pack::source::FILES`.
pub struct Generated {
    pub files: [String; 4],
}

impl Generated {
    /// The files as bytes, for [`Origin::Memory`](crate::pack::source::Origin::Memory).
    pub fn memory(&self) -> [Option<Vec<u8>>; 4] {
        self.files.clone().map(|f| Some(f.into_bytes()))
    }
}

/// The generated pack's author; the article's byline names it.
const AUTHOR: &str = "lectern sample";
/// The bundled article's byline: its body paragraphs end there.
const SOURCE_BYLINE: &str = "Mark Best";

/// Chinese paragraphs mixed into the text.
const CJK: &[&str] = &[
    "深度求索公司在今年一月发布了新的推理模型，引起了全球科技界的广泛关注。许多分析人士认为，这说明芯片出口限制并没有完全阻止中国企业的发展。",
    "人工智能的发展离不开大量的数据和强大的算力。数据中心需要消耗大量的电力和水资源，因此能源效率已经成为各国研究人员关注的重点。",
    "在广州，城市规划者正在把道路、车辆和云计算连接在一起。自动驾驶汽车可以通过路边的传感器获得更多信息，从而提高交通的安全和效率。",
    "有人担心人工智能会取代医生、教师和司机的工作；也有人认为，它只会改变工作的方式。这个问题没有简单的答案，需要我们认真讨论。",
    "《新一代人工智能发展规划》于2017年发布，提出到2030年使中国成为世界主要的人工智能创新中心。",
    "阅读这篇文章时，学生应该区分事实、解释和观点。作者的结论是否可靠，取决于他提供了哪些证据，以及这些证据是否经得起检验。",
];

/// Paragraphs with emoji mixed into the text (some are joined sequences and flags).
const EMOJI: &[&str] = &[
    "Quick recap 🚀: chips 💾 are scarce, data centres 🏭 are hungry for power ⚡, and every company wants the next big model 🤖.",
    "Reading tip 📚: pause after each part ✋, jot down one question ❓ and one claim you would like to check 🔍.",
    "The market’s reaction 📉 was dramatic: one bad day for a single chip maker wiped out more value than many countries produce in a year 🌍💸.",
    "Who writes the code? 👩‍💻👨‍💻 Engineers in Hangzhou, Seattle and London 🇨🇳🇺🇸🇬🇧 all read the same research papers 📄.",
    "Energy check ♻️: a greener data centre 🌱 uses less water 💧 and less electricity 🔌 for the same work 👍🏽.",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const KINDS: [&str; 7] = ["choice", "multi", "truefalse", "text", "cloze", "order", "card"];

/// Words too common to be glossary terms on their own or at the ends of phrases.
const STOPWORDS: &[&str] = &[
    "a", "about", "all", "also", "an", "and", "are", "as", "at", "be", "been", "being", "both", "but", "by", "can",
    "could", "do", "does", "each", "for", "from", "given", "has", "have", "how", "if", "in", "into", "is", "it", "its",
    "may", "more", "much", "not", "now", "of", "on", "one", "only", "or", "other", "over", "own", "same", "so", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "up", "used",
    "very", "was", "way", "ways", "well", "were", "what", "when", "which", "while", "who", "will", "with", "would",
];

/// A first guess at the bytes one dateline adds, to leave room for them.
const DATELINE_BYTES: usize = 18;

/// A paragraph the article is made from, with its ways of being written.
struct Unit {
    /// Sentence orders of the paragraph; the first is the original.
    variants: Vec<String>,
    /// Bundled prose (quizzable), as opposed to a Chinese or emoji paragraph.
    prose: bool,
}

/// One block of the planned article.
enum Planned {
    Part(usize),
    Paragraph { unit: usize, variant: usize, part: usize },
}

/// Builds the article block by block.
struct Planner<'a> {
    units: &'a [Unit],
    prose: Vec<usize>,
    cjk: Vec<usize>,
    emoji: Vec<usize>,
    blocks: Vec<Planned>,
    /// Bytes of the article so far.
    len: usize,
    part: usize,
    until_part: usize,
    deck: Vec<usize>,
    last: Option<usize>,
    extras: usize,
    prose_count: usize,
}

impl Planner<'_> {
    /// Adds one paragraph, after a new part heading when one is due.
    fn step(&mut self, rng: &mut Rng) {
        if self.until_part == 0 {
            self.part += 1;
            self.len += format!("## Part {}\n\n", self.part).len();
            self.blocks.push(Planned::Part(self.part));
            self.until_part = 24 + rng.below(25);
        }
        self.until_part -= 1;
        let unit = if rng.below(40) == 0 {
            self.extras += 1;
            let pool = if self.extras % 2 == 1 { &self.cjk } else { &self.emoji };
            pool[rng.below(pool.len())]
        } else {
            if self.deck.is_empty() {
                self.deck = self.prose.clone();
                rng.shuffle(&mut self.deck);
                // The deck is drawn from its end: avoid the same paragraph twice in a row.
                let n = self.deck.len();
                if n > 1 && self.deck.last() == self.last.as_ref() {
                    self.deck.swap(0, n - 1);
                }
            }
            let unit = self.deck.pop().expect("deck refilled");
            self.last = Some(unit);
            self.prose_count += 1;
            unit
        };
        let variants = &self.units[unit].variants;
        let variant = if rng.below(3) == 0 { 0 } else { rng.below(variants.len()) };
        self.len += variants[variant].len() + 2;
        self.blocks.push(Planned::Paragraph { unit, variant, part: self.part });
    }
}

/// A quizzed paragraph: its part, dateline and words.
struct Target {
    part: usize,
    date: String,
    /// The paragraph as written, dateline first, split at spaces.
    tokens: Vec<String>,
}

/// Generates a valid pack: realistic prose made of the bundled article's paragraphs
/// reshuffled (with small variations: sentence order), a `## Part N` heading every few
/// dozen paragraphs, and some Chinese and emoji paragraphs mixed in (about 1 in 40), until
/// the article reaches `spec.bytes`; a glossary of `spec.terms` entries named by words and
/// phrases that occur in the text, unique ignoring case; and `spec.questions` questions
/// cycling through the seven kinds, each with a `ref` of 5 to 8 words quoted from the
/// paragraph it tests, spread across the whole text.
pub fn generate(spec: &Spec) -> Generated {
    let mut rng = Rng(spec.seed);
    let units = units();
    // The bundled paragraphs, then the Chinese ones, then the emoji ones.
    let prose = units.iter().filter(|u| u.prose).count();
    let title = format!("Generated book ({} MB)", megabytes(spec.bytes));
    let header = format!("# {title}\n\nBy {AUTHOR}\n\n");
    let mut planner = Planner {
        units: &units,
        prose: (0..prose).collect(),
        cjk: (prose..prose + CJK.len()).collect(),
        emoji: (prose + CJK.len()..units.len()).collect(),
        blocks: Vec::new(),
        len: header.len(),
        part: 0,
        until_part: 0,
        deck: Vec::new(),
        last: None,
        extras: 0,
        prose_count: 0,
    };

    // Plan the text, leaving room for the datelines, then date the quizzed paragraphs and
    // top the text up to the size asked for.
    let average = planner.prose.iter().map(|&u| units[u].variants[0].len() + 2).sum::<usize>() / planner.prose.len();
    let wanted = spec.questions.max(2);
    let reserve = wanted.min(spec.bytes / average) * DATELINE_BYTES;
    while planner.len < spec.bytes.saturating_sub(reserve) || planner.prose_count < 2 {
        planner.step(&mut rng);
    }
    let eligible: Vec<usize> = (0..planner.blocks.len())
        .filter(|&b| matches!(planner.blocks[b], Planned::Paragraph { unit, .. } if units[unit].prose))
        .collect();
    let count = wanted.min(eligible.len());
    let mut date = (2026, 1, 5);
    let mut datelines = BTreeMap::new();
    for j in 0..count {
        let block = eligible[(2 * j + 1) * eligible.len() / (2 * count)];
        let dateline = format!("{} {} {}", date.2, MONTHS[date.1 - 1], date.0);
        planner.len += dateline.len() + " — ".len();
        datelines.insert(block, dateline);
        date = advance(date, 1 + rng.below(5));
    }
    while planner.len < spec.bytes {
        planner.step(&mut rng);
    }
    let parts = planner.part;
    let blocks = planner.blocks;

    // The article.
    let mut article = String::with_capacity(planner.len + 16);
    article.push_str(&header);
    for (b, block) in blocks.iter().enumerate() {
        match block {
            Planned::Part(n) => {
                let _ = write!(article, "## Part {n}\n\n");
            }
            Planned::Paragraph { unit, variant, .. } => {
                if let Some(dateline) = datelines.get(&b) {
                    article.push_str(dateline);
                    article.push_str(" — ");
                }
                article.push_str(&units[*unit].variants[*variant]);
                article.push_str("\n\n");
            }
        }
    }
    article.pop();

    let targets: Vec<Target> = datelines
        .into_iter()
        .map(|(block, date)| {
            let Planned::Paragraph { unit, variant, part } = blocks[block] else { unreachable!("dated a heading") };
            let text = format!("{date} — {}", units[unit].variants[variant]);
            Target { part, date, tokens: text.split(' ').map(str::to_string).collect() }
        })
        .collect();

    // Where each unit first appears, for the glossary's definitions.
    let mut first_part: Vec<Option<usize>> = vec![None; units.len()];
    for block in &blocks {
        if let Planned::Paragraph { unit, part, .. } = *block {
            first_part[unit].get_or_insert(part);
        }
    }
    let vocabulary = vocabulary(&units, &first_part);
    let glossary = glossary(&units, &first_part, spec.terms, &mut rng);
    let quiz = quiz(&targets, spec.questions, &vocabulary, &mut rng);
    let pack = pack_toml(&title, spec, parts, &targets);
    Generated { files: [pack, article, glossary, quiz] }
}

/// Writes a generated pack to a folder named `dir` (created).
pub fn write(generated: &Generated, dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in FILES.iter().zip(&generated.files) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}

/// `bytes` in megabytes (10⁶ bytes), without trailing zeros: "5", "0.3", "0.05".
fn megabytes(bytes: usize) -> String {
    let mb = bytes as f64 / 1e6;
    let trim = |s: String| s.trim_end_matches('0').trim_end_matches('.').to_string();
    let short = trim(format!("{mb:.2}"));
    if short == "0" && bytes > 0 { trim(format!("{mb:.6}")) } else { short }
}

/// The paragraphs the article is made from: the bundled body paragraphs, each with its
/// sentence orders, then the Chinese and emoji ones.
fn units() -> Vec<Unit> {
    let source = Origin::Bundled(&BUNDLED[0]).read("article.md").expect("the bundled pack has an article");
    let source = String::from_utf8(source).expect("the bundled article is UTF-8").replace("\r\n", "\n");
    let mut units = Vec::new();
    for chunk in source.split("\n\n") {
        let text = chunk.split_whitespace().collect::<Vec<_>>().join(" ");
        if text == SOURCE_BYLINE {
            break;
        }
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        units.push(Unit { variants: variants(&text), prose: true });
    }
    assert!(!units.is_empty(), "the bundled article has body paragraphs");
    for text in CJK.iter().chain(EMOJI) {
        units.push(Unit { variants: vec![text.to_string()], prose: false });
    }
    units
}

/// A paragraph's sentence orders: as written, each pair of neighbours swapped, rotated, reversed.
fn variants(text: &str) -> Vec<String> {
    let sentences = sentences(text);
    let mut orders: Vec<Vec<&str>> = vec![sentences.clone()];
    let n = sentences.len();
    for k in 0..n.saturating_sub(1) {
        let mut swapped = sentences.clone();
        swapped.swap(k, k + 1);
        orders.push(swapped);
    }
    for k in 1..n {
        let mut rotated = sentences.clone();
        rotated.rotate_left(k);
        orders.push(rotated);
    }
    orders.push(sentences.iter().rev().copied().collect());
    let mut out: Vec<String> = Vec::new();
    for order in orders {
        let text = order.join(" ");
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// Splits at `.`, `!` or `?` followed by a space and a capital, a digit or an opening quote.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') || !text[i + 1..].starts_with(' ') {
            continue;
        }
        let next = text[i + 2..].chars().next();
        if next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || matches!(n, '‘' | '“')) {
            out.push(&text[start..=i]);
            start = i + 2;
        }
    }
    out.push(&text[start..]);
    out
}

/// Adds `days` to a (year, month, day) date.
fn advance((mut year, mut month, mut day): (usize, usize, usize), days: usize) -> (usize, usize, usize) {
    for _ in 0..days {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let length = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        day += 1;
        if day > length {
            day = 1;
            month += 1;
            if month > 12 {
                month = 1;
                year += 1;
            }
        }
    }
    (year, month, day)
}

/// A token's leading punctuation, its word, and its trailing punctuation.
fn split_token(token: &str) -> (&str, &str, &str) {
    let core = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lead = &token[..token.len() - core.len()];
    let word = core.trim_end_matches(|c: char| !c.is_alphanumeric());
    (lead, word, &core[word.len()..])
}

/// True for a word a glossary can name: ASCII letters, digits and inner hyphens, with a letter.
fn is_term_word(word: &str) -> bool {
    !word.is_empty()
        && word.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && word.chars().any(|c| c.is_ascii_alphabetic())
        && !word.contains("--")
}

/// True for a plain word of letters, long enough to quiz.
fn is_plain_word(word: &str) -> bool {
    word.len() >= 4 && word.chars().all(|c| c.is_ascii_alphabetic())
}

fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word.to_ascii_lowercase().as_str())
}

/// Plain words of the prose in the article, lower case, for wrong answers.
fn vocabulary(units: &[Unit], first_part: &[Option<usize>]) -> Vec<String> {
    let mut words = BTreeSet::new();
    for (unit, _) in units.iter().zip(first_part).filter(|(u, p)| u.prose && p.is_some()) {
        for token in unit.variants[0].split(' ') {
            let (_, word, _) = split_token(token);
            if is_plain_word(word) && !is_stopword(word) {
                words.insert(word.to_ascii_lowercase());
            }
        }
    }
    words.into_iter().collect()
}

/// `glossary.toml`: `terms` entries, in alphabetical order, picked from every word and run of
/// up to four words (within a sentence, no punctuation between them) of the paragraphs used,
/// unique ignoring case. Candidates are ranked in tiers, best first, each tier shuffled; each
/// definition names the first part the term occurs in.
fn glossary(units: &[Unit], first_part: &[Option<usize>], terms: usize, rng: &mut Rng) -> String {
    let mut order: Vec<usize> = (0..units.len()).filter(|&u| first_part[u].is_some()).collect();
    order.sort_by_key(|&u| (first_part[u], u));
    // key → (name, part, tier)
    let mut found: BTreeMap<String, (String, usize, usize)> = BTreeMap::new();
    for u in order {
        let part = first_part[u].expect("used units only");
        let tokens: Vec<(&str, &str, &str)> = units[u].variants[0].split(' ').map(split_token).collect();
        for start in 0..tokens.len() {
            for n in 1..=4 {
                let Some(run) = tokens.get(start..start + n) else { break };
                let joined = run.iter().enumerate().all(|(i, (lead, word, trail))| {
                    is_term_word(word) && (i == 0 || lead.is_empty()) && (i + 1 == n || trail.is_empty())
                });
                if !joined {
                    break;
                }
                let words: Vec<&str> = run.iter().map(|t| t.1).collect();
                let (first, last) = (is_stopword(words[0]), is_stopword(words[n - 1]));
                // Best first: names and two-word phrases, then longer phrases, then those
                // that open with a common word ("a glimpse"), then the rest ("gimmick and", "the").
                let tier = match (n, first, last) {
                    (1 | 2, false, false) => 0,
                    (_, false, false) => 1,
                    (_, true, false) => 2,
                    _ => 3,
                };
                let name = words.join(" ");
                found.entry(name.to_ascii_lowercase()).or_insert((name, part, tier));
            }
        }
    }
    let mut tiers: [Vec<(String, usize)>; 4] = Default::default();
    for (name, part, tier) in found.into_values() {
        tiers[tier].push((name, part));
    }
    let mut chosen = Vec::new();
    for mut tier in tiers {
        rng.shuffle(&mut tier);
        chosen.extend(tier);
    }
    chosen.truncate(terms);
    chosen.sort_by_key(|a| a.0.to_ascii_lowercase());
    let mut out = String::with_capacity(chosen.len() * 80);
    for (name, part) in chosen {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str("[[term]]\nterm = ");
        toml_string(&mut out, &name);
        out.push_str("\ndefinition = ");
        toml_string(&mut out, &format!("A term used in part {part} of the text."));
        out.push('\n');
    }
    out
}

/// A question's quote: the dateline and the words after it, 5 to 8 words in all.
struct Quote<'a> {
    target: &'a Target,
    /// Tokens quoted (the dash counts as a token, not a word).
    len: usize,
    /// The token asked about.
    gap: usize,
}

impl Quote<'_> {
    fn text(&self) -> String {
        self.target.tokens[..self.len].join(" ")
    }

    fn word(&self) -> &str {
        split_token(&self.target.tokens[self.gap]).1
    }

    /// The quote with the asked word replaced by `with(word)`.
    fn replaced(&self, with: impl Fn(&str) -> String) -> String {
        let mut tokens: Vec<String> = self.target.tokens[..self.len].to_vec();
        let (lead, word, trail) = split_token(&self.target.tokens[self.gap]);
        tokens[self.gap] = format!("{lead}{}{trail}", with(word));
        tokens.join(" ")
    }
}

/// Words of a target's paragraph, lower case.
fn words_of(target: &Target) -> BTreeSet<String> {
    target.tokens.iter().map(|t| split_token(t).1.to_ascii_lowercase()).collect()
}

/// `n` different words of `vocabulary` that are not in `avoid` (lower case).
fn distractors(vocabulary: &[String], avoid: &BTreeSet<String>, n: usize, rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut tries = 0;
    while out.len() < n && tries < 200 {
        tries += 1;
        let word = &vocabulary[rng.below(vocabulary.len())];
        if !avoid.contains(word) && !out.contains(word) {
            out.push(word.clone());
        }
    }
    // Unlikely: fall back to a scan, then to made-up words.
    for word in vocabulary {
        if out.len() >= n {
            break;
        }
        if !avoid.contains(word) && !out.contains(word) {
            out.push(word.clone());
        }
    }
    let mut k = 0;
    while out.len() < n {
        k += 1;
        let word = format!("option{k}");
        if !avoid.contains(&word) && !out.contains(&word) {
            out.push(word);
        }
    }
    out
}

/// The quiz: question `i` tests target `i * targets / questions`, kinds in turn.
fn quiz(targets: &[Target], questions: usize, vocabulary: &[String], rng: &mut Rng) -> String {
    let mut out = String::with_capacity(questions * 400);
    for i in 0..questions {
        let target = &targets[i * targets.len() / questions];
        let kind = KINDS[i % KINDS.len()];
        // Three date words, the dash, then 2 to 5 words of the paragraph.
        let len = (4 + 2 + rng.below(4)).min(target.tokens.len());
        let plain: Vec<usize> = (4..len).filter(|&t| is_plain_word(split_token(&target.tokens[t]).1)).collect();
        let gap = if plain.is_empty() { 1 } else { plain[rng.below(plain.len())] };
        let quote = Quote { target, len, gap };
        let (date, part) = (&target.date, target.part);
        let answer = quote.word().to_string();
        let blanked = quote.replaced(|_| "___".to_string());

        if !out.is_empty() {
            out.push('\n');
        }
        let _ = write!(out, "[[question]]\nid = \"q{:05}-{kind}\"\nkind = \"{kind}\"\n", i + 1);
        let field = |out: &mut String, name: &str, value: &str| {
            out.push_str(name);
            out.push_str(" = ");
            toml_string(out, value);
            out.push('\n');
        };
        let list = |out: &mut String, name: &str, values: &[String]| {
            out.push_str(name);
            out.push_str(" = ");
            toml_list(out, values);
            out.push('\n');
        };
        match kind {
            "choice" => {
                field(
                    &mut out,
                    "prompt",
                    &format!("Which word fills the gap in this passage from part {part}? “{blanked}”"),
                );
                let mut avoid = words_of(target);
                avoid.insert(answer.to_ascii_lowercase());
                let mut choices = distractors(vocabulary, &avoid, 3, rng);
                choices.push(answer.clone());
                rng.shuffle(&mut choices);
                list(&mut out, "choices", &choices);
                field(&mut out, "answer", &answer);
            }
            "multi" => {
                field(
                    &mut out,
                    "prompt",
                    &format!("Which of these words occur in the paragraph dated {date}? Choose all that apply."),
                );
                let mut present: Vec<String> = Vec::new();
                for token in &target.tokens[4..] {
                    let word = split_token(token).1;
                    if is_plain_word(word)
                        && !is_stopword(word)
                        && !present.iter().any(|p| p.eq_ignore_ascii_case(word))
                    {
                        present.push(word.to_string());
                    }
                }
                if present.is_empty() {
                    present.push(MONTHS.iter().find(|m| date.contains(*m)).expect("a month").to_string());
                }
                let mut answers = Vec::new();
                for _ in 0..2.min(present.len()) {
                    answers.push(present.swap_remove(rng.below(present.len())));
                }
                let mut choices = distractors(vocabulary, &words_of(target), 2, rng);
                choices.extend(answers.iter().cloned());
                rng.shuffle(&mut choices);
                answers.sort_by_key(|a| choices.iter().position(|c| c == a));
                list(&mut out, "choices", &choices);
                list(&mut out, "answers", &answers);
            }
            "truefalse" => {
                let truth = rng.below(2) == 0;
                let shown = if truth {
                    quote.text()
                } else {
                    let mut avoid = words_of(target);
                    avoid.insert(answer.to_ascii_lowercase());
                    let wrong = distractors(vocabulary, &avoid, 1, rng).remove(0);
                    quote.replaced(|_| wrong.clone())
                };
                field(&mut out, "prompt", &format!("True or false: the paragraph dated {date} begins “{shown}”."));
                let _ = writeln!(out, "answer = {truth}");
            }
            "text" => {
                field(&mut out, "prompt", &format!("Type the missing word: “{blanked}”"));
                field(&mut out, "answer", &answer);
            }
            "cloze" => {
                field(&mut out, "prompt", "Fill in the gap.");
                field(&mut out, "text", &quote.replaced(|w| format!("{{{{{w}}}}}")));
            }
            "order" => {
                let tokens = &target.tokens[..len];
                let middle = 4 + (len - 4).div_ceil(2);
                let mut items: Vec<String> = Vec::new();
                for chunk in [&tokens[..4], &tokens[4..middle], &tokens[middle..]] {
                    let chunk = chunk.join(" ");
                    if !chunk.is_empty() && !items.contains(&chunk) {
                        items.push(chunk);
                    }
                }
                if items.len() < 2 {
                    items = vec![tokens[..2].join(" "), tokens[2..].join(" ")];
                }
                field(&mut out, "prompt", &format!("Put these pieces of a passage from part {part} in order."));
                list(&mut out, "items", &items);
            }
            _ => {
                field(&mut out, "prompt", &format!("How does the paragraph dated {date}, in part {part}, begin?"));
                field(&mut out, "answer", &format!("{}…", quote.text()));
            }
        }
        field(&mut out, "explain", &format!("The paragraph dated {date}, in part {part}, begins “{}”.", quote.text()));
        field(&mut out, "ref", &quote.text());
    }
    out
}

/// `pack.toml`: title, author, summary, tags and two discussion prompts tied to dated paragraphs.
fn pack_toml(title: &str, spec: &Spec, parts: usize, targets: &[Target]) -> String {
    let mut out = String::new();
    out.push_str("title = ");
    toml_string(&mut out, title);
    out.push_str("\nauthor = ");
    toml_string(&mut out, AUTHOR);
    out.push_str("\nsummary = ");
    toml_string(
        &mut out,
        &format!(
            "A generated book for trying lectern on a long text: the bundled article on DeepSeek and the AI \
             ‘arms race’, its paragraphs reshuffled and reordered over {parts} parts, with some Chinese and emoji \
             paragraphs mixed in. Seed {}.",
            spec.seed
        ),
    );
    out.push_str("\ntags = [\"sample\", \"generated\"]\n");
    let first = &targets[0];
    let middle = &targets[targets.len() / 2];
    let prompts = [
        (
            format!(
                "What is the main claim of the paragraph dated {}, and what evidence does the text give for it?",
                first.date
            ),
            first,
        ),
        (
            format!(
                "The paragraph dated {} returns to ideas from part {}. Has the argument changed by part {}? What would \
                 you check to find out?",
                middle.date, first.part, middle.part
            ),
            middle,
        ),
    ];
    for (prompt, target) in prompts {
        out.push_str("\n[[discussion]]\nprompt = ");
        toml_string(&mut out, &prompt);
        out.push_str("\nref = ");
        toml_string(&mut out, &target.tokens[..7.min(target.tokens.len())].join(" "));
        out.push('\n');
    }
    out
}

/// Appends `s` as a TOML basic string: quoted, with `"`, `\` and control characters escaped.
fn toml_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a TOML array of basic strings.
fn toml_list(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        toml_string(out, item);
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        let mut out = String::new();
        toml_string(&mut out, "a \"b\" \\ c\n\u{7}");
        assert_eq!(out, r#""a \"b\" \\ c\n\u0007""#);
        let parsed: toml::Table = toml::from_str(&format!("x = {out}")).unwrap();
        assert_eq!(parsed["x"].as_str(), Some("a \"b\" \\ c\n\u{7}"));
    }

    #[test]
    fn sentences_split_and_reorder() {
        let text = "One is here. Two follows! Three ends? 4 more. US-based firms.";
        assert_eq!(sentences(text), ["One is here.", "Two follows!", "Three ends?", "4 more.", "US-based firms."]);
        let v = variants("A b. C d.");
        assert_eq!(v, ["A b. C d.", "C d. A b."]);
    }

    #[test]
    fn dates_advance() {
        assert_eq!(advance((2026, 1, 30), 3), (2026, 2, 2));
        assert_eq!(advance((2028, 2, 28), 1), (2028, 2, 29));
        assert_eq!(advance((2026, 12, 31), 1), (2027, 1, 1));
    }

    #[test]
    fn megabytes_are_short() {
        assert_eq!(megabytes(5_000_000), "5");
        assert_eq!(megabytes(300_000), "0.3");
        assert_eq!(megabytes(50_000), "0.05");
        assert_eq!(megabytes(1_000), "0.001");
    }

    #[test]
    fn tokens_split() {
        assert_eq!(split_token("‘r1"), ("‘", "r1", ""));
        assert_eq!(split_token("model’,"), ("", "model", "’,"));
        assert_eq!(split_token("—"), ("—", "", ""));
    }
}
