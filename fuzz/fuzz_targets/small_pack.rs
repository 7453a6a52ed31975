//! A small pack whose files stand beside the fuzzer's one file: every kind of block, term and
//! question, but small, so that a run spends its time on the fuzzed file rather than on
//! building the bundled pack's automata again.

use lectern::pack::source::Origin;

const PACK: &str = "title = \"Small\"\nauthor = \"Ann Author\"\nsummary = \"A pack for fuzzing.\"\ntags = [\"a\", \"b\"]\nversion = \"1\"\n\n[[discussion]]\nprompt = \"Is the sea fair?\"\nref = \"A quote about rivers\"\n";

const ARTICLE: &str = "# Small\n\nRivers carry *water* to the sea, and the sea[^1] gives it back as rain.\n\n\
> A quote about rivers and rain.\n\n- one list item about tides\n- another about the moon\n\n\
1. first\n2. second\n\n```\ncode about rivers\n```\n\n<div>html block</div>\n\n\
The moon pulls the tides; the tides move the sea.\n\n[^1]: The sea is salty.\n";

const GLOSSARY: &str = "[[term]]\nterm = \"river\"\naliases = [\"rivers\"]\ndefinition = \"Water that flows.\"\nsee_also = [\"sea\"]\n\n\
[[term]]\nterm = \"sea\"\ndefinition = \"Salt water.\"\n\n[[term]]\nterm = \"tide\"\naliases = [\"tides\"]\ndefinition = \"The sea rising and falling.\"\nsee_also = [\"moon\"]\n\n\
[[term]]\nterm = \"moon\"\ndefinition = \"What pulls the tides.\"\n";

const QUIZ: &str = "[[question]]\nid = \"t\"\nkind = \"text\"\nprompt = \"What carries water?\"\nanswer = \"Rivers\"\naccept = [\"river\"]\nref = \"Rivers carry\"\n\n\
[[question]]\nid = \"c\"\nkind = \"choice\"\nprompt = \"What pulls the tides?\"\nchoices = [\"The moon\", \"The sun\"]\nanswer = \"The moon\"\nref = \"The moon pulls the tides\"\n\n\
[[question]]\nid = \"m\"\nkind = \"multi\"\nprompt = \"Which are water?\"\nchoices = [\"sea\", \"river\", \"rock\"]\nanswers = [\"sea\", \"river\"]\n\n\
[[question]]\nid = \"b\"\nkind = \"truefalse\"\nprompt = \"The sea gives rain back?\"\nanswer = true\nref = \"gives it back as rain\"\n\n\
[[question]]\nid = \"z\"\nkind = \"cloze\"\nprompt = \"Fill in the gaps.\"\ntext = \"The {{moon|Moon}} pulls the {{tides}}.\"\nref = \"the tides move the sea\"\n\n\
[[question]]\nid = \"o\"\nkind = \"order\"\nprompt = \"Order them.\"\nitems = [\"rain\", \"river\", \"sea\"]\n\n\
[[question]]\nid = \"k\"\nkind = \"card\"\nprompt = \"What is a tide?\"\nanswer = \"The sea rising and falling.\"\n";

/// Loads the small pack with its file number `index` (in the order of `FILES`) made of
/// `data`, and renders every diagnostic.
pub fn load_with(index: usize, data: &[u8]) {
    let mut files: [Option<Vec<u8>>; 4] = [PACK, ARTICLE, GLOSSARY, QUIZ].map(|text| Some(text.as_bytes().to_vec()));
    files[index] = Some(data.to_vec());
    let loaded = lectern::pack::load(Origin::Memory { id: "fuzz", files: &files });
    for diagnostic in &loaded.diagnostics {
        let _ = diagnostic.render(false);
    }
}
