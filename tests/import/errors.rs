//! The errors `lectern import` gives: each on one line, naming the file or folder, with a
//! non-zero exit and nothing written.

use crate::{Place, fixture};

#[test]
fn a_non_empty_folder_is_refused() {
    let place = Place::new();
    let dir = place.path("mine");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let (code, out, err) = place.lectern(&["import", fixture("article.txt").to_str().unwrap(), "-o", "mine"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(err, "error: mine: the folder is not empty; choose a new folder with -o, or empty this one\n");
    let names: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["notes.txt"], "the folder is left as it was");
}

#[test]
fn an_empty_folder_is_used() {
    let place = Place::new();
    std::fs::create_dir(place.path("empty")).unwrap();
    let dir = place.import(&fixture("article.txt"), "empty");
    place.check_passes(&dir);
}

#[test]
fn without_o_the_pack_goes_in_texts_under_its_title() {
    let place = Place::new();
    let (code, out, err) = place.lectern(&["import", fixture("article.md").to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("wrote texts/the-printing-press/\n"), "{out}");
    assert!(out.contains("lectern check --watch texts/the-printing-press"), "{out}");
    // Found by its id from here, as any pack in ./texts is.
    let (code, out, err) = place.lectern(&["check", "the-printing-press"]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn an_unknown_extension_is_refused() {
    let place = Place::new();
    std::fs::write(place.path("report.pdf"), "%PDF-1.4").unwrap();
    let (code, out, err) = place.lectern(&["import", "report.pdf", "-o", "out"]);
    assert_eq!(code, 1);
    assert_eq!(out, "");
    assert_eq!(
        err,
        "error: report.pdf: cannot import this kind of file; lectern imports .txt, .md, .html, .htm and .epub\n"
    );
    assert!(!place.path("out").exists());
}

#[test]
fn a_missing_file_is_named() {
    let place = Place::new();
    let (code, _, err) = place.lectern(&["import", "gone.html", "-o", "out"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: gone.html: cannot read it: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn a_broken_epub_is_named() {
    let place = Place::new();
    std::fs::write(place.path("book.epub"), "not a zip at all").unwrap();
    let (code, _, err) = place.lectern(&["import", "book.epub", "-o", "out"]);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: book.epub: cannot open it as an EPUB: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!place.path("out").exists());
}

#[test]
fn a_file_that_is_not_utf8_is_named() {
    let place = Place::new();
    std::fs::write(place.path("latin.txt"), b"caf\xe9 au lait").unwrap();
    let (code, _, err) = place.lectern(&["import", "latin.txt", "-o", "out"]);
    assert_eq!(code, 1);
    assert_eq!(err, "error: latin.txt: not UTF-8 text; save it as UTF-8 and try again\n");
}

#[test]
fn a_page_with_no_text_is_refused() {
    let place = Place::new();
    std::fs::write(
        place.path("empty.html"),
        "<html><head><title>Nothing</title></head><body><nav>menu</nav></body></html>",
    )
    .unwrap();
    let (code, _, err) = place.lectern(&["import", "empty.html", "-o", "out"]);
    assert_eq!(code, 1);
    assert_eq!(err, "error: empty.html: no text found in it to make an article of\n");
    assert!(!place.path("out").exists());
}
