//! An EPUB, built here with stored (uncompressed) entries, imported as one pack: its
//! chapters in spine order, its title and author from its metadata.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::{Place, golden};

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles>
    <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles>
</container>
"#;

/// The package: the second chapter is listed first in the manifest, so that only the spine
/// gives the reading order.
const OPF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:5b0a2d6e-7c0e-4d43-9d0e-000000000001</dc:identifier>
    <dc:title>A Short History of Maps</dc:title>
    <dc:creator>Tomás Oliveira</dc:creator>
    <dc:language>en</dc:language>
    <meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>
  </metadata>
  <manifest>
    <item id="two" href="chapter2.xhtml" media-type="application/xhtml+xml"/>
    <item id="one" href="chapter1.xhtml" media-type="application/xhtml+xml"/>
  </manifest>
  <spine>
    <itemref idref="one"/>
    <itemref idref="two"/>
  </spine>
</package>
"#;

const CHAPTER_1: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>Chapter 1</title><style>p { margin: 0 }</style></head>
<body>
  <h2>Clay and Stone</h2>
  <p>The oldest maps were drawn on clay tablets in Babylon. A tablet from Nuzi shows
    <em>hills</em>, a river and the fields between them.</p>
  <p>Greek writers such as Ptolemy measured the world with latitude and longitude.
    Ptolemy listed thousands of places by their latitude and longitude.</p>
</body>
</html>
"#;

const CHAPTER_2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>Chapter 2</title></head>
<body>
  <h2>Paper and Print</h2>
  <p>Printed maps let sailors share what they found. The Mercator projection, made in 1569,
    kept compass bearings straight.</p>
  <ul><li>Charts showed the coasts.</li><li>Atlases gathered many maps in one book.</li></ul>
</body>
</html>
"#;

/// Writes a small EPUB to `path`: `mimetype` first and stored, as the format requires.
fn build(path: &Path) {
    let mut zip = ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/epub+zip"),
        ("META-INF/container.xml", CONTAINER),
        ("OEBPS/content.opf", OPF),
        ("OEBPS/chapter1.xhtml", CHAPTER_1),
        ("OEBPS/chapter2.xhtml", CHAPTER_2),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn an_epub_is_one_pack_in_spine_order() {
    let place = Place::new();
    let book = place.path("maps.epub");
    build(&book);
    let dir = place.import(&book, "maps");
    golden("epub", &dir);
    place.check_passes(&dir);
    let article = std::fs::read_to_string(dir.join("article.md")).unwrap();
    let first = article.find("Clay and Stone").unwrap();
    let second = article.find("Paper and Print").unwrap();
    assert!(first < second, "chapters out of spine order:\n{article}");
    assert!(!article.contains("margin"), "{article}");
    let pack = std::fs::read_to_string(dir.join("pack.toml")).unwrap();
    assert!(pack.contains("title = \"A Short History of Maps\"\nauthor = \"Tomás Oliveira\"\n"), "{pack}");
}
