//! Turning an article (plain text, Markdown, HTML or EPUB) into a pack to finish by hand.
