//! The Big List of Naughty Strings, and a pack with one of them in every text field of
//! every file: shared by the tests of loading and of exporting untrusted packs.

/// Every string of the corpus.
pub fn naughty_strings() -> Vec<String> {
    // The Big List of Naughty Strings, kept in the repository with its licence.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/blns.json");
    let json = std::fs::read_to_string(path).expect("tests/fixtures/blns.json is in the repository");
    serde_json::from_str(&json).expect("the corpus is a JSON array of strings")
}

/// `s` as a TOML string literal.
pub fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A pack with `s` in every text field of every file.
pub fn pack_files(s: &str) -> [Option<Vec<u8>>; 4] {
    let q = quoted(s);
    let other = quoted(&format!("{s} (other)"));
    let pack = format!(
        "title = {q}\nauthor = {q}\nsummary = {q}\nversion = {q}\ntags = [{q}]\n\n[[discussion]]\nprompt = {q}\nref = {q}\n"
    );
    let article = format!("# {s}\n\nA paragraph: {s}\n\n> {s}\n\n- {s}\n\n*{s}* and `{s}`\n\n{s}\n");
    let glossary = format!(
        "[[term]]\nterm = {q}\naliases = [{}]\ndefinition = {q}\nsee_also = [{q}]\n",
        quoted(&format!("{s} alias"))
    );
    let common = format!("prompt = {q}\nexplain = {q}\nref = {q}");
    let quiz = format!(
        "[[question]]\nid = {q}\nkind = \"choice\"\n{common}\nchoices = [{q}, {other}]\nanswer = {q}\n\n\
         [[question]]\nid = \"m\"\nkind = \"multi\"\n{common}\nchoices = [{q}, {other}]\nanswers = [{q}]\n\n\
         [[question]]\nid = \"tf\"\nkind = \"truefalse\"\n{common}\nanswer = true\n\n\
         [[question]]\nid = \"t\"\nkind = \"text\"\n{common}\nanswer = {q}\naccept = [{q}]\n\n\
         [[question]]\nid = \"c\"\nkind = \"cloze\"\n{common}\ntext = {}\n\n\
         [[question]]\nid = \"o\"\nkind = \"order\"\n{common}\nitems = [{q}, {other}]\n\n\
         [[question]]\nid = \"k\"\nkind = \"card\"\n{common}\nanswer = {q}\n",
        quoted(&format!("{s} {{{{gap}}}}"))
    );
    [Some(pack.into_bytes()), Some(article.into_bytes()), Some(glossary.into_bytes()), Some(quiz.into_bytes())]
}
