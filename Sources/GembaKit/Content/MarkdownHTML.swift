import Foundation

/// A document's Markdown as escaped HTML, the same rendering evidence bundles use, for the web
/// app's document pages.
public enum MarkdownHTML {
    public static func render(_ markdown: String) -> String { BundleMarkdown.html(markdown) }

    /// Text as HTML with every special character escaped.
    public static func escape(_ text: String) -> String { HTML.escape(text) }
}
