import ArgumentParser

/// The character encodings `--encoding` accepts for plain-text inputs.
public enum InputEncoding: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// UTF-8 (the default).
    case utf8 = "utf-8"
    /// GB18030, the Chinese national standard (a superset of GBK and GB2312).
    case gb18030
    /// GBK (code page 936), read as GB18030, of which it is a subset.
    case gbk
    /// Big5 (traditional Chinese), with the HKSCS extensions.
    case big5
    /// UTF-16 with a byte-order mark (big-endian without one).
    case utf16 = "utf-16"
    /// UTF-16 little-endian.
    case utf16le = "utf-16le"
    /// UTF-16 big-endian.
    case utf16be = "utf-16be"

    /// The ICU converter name.
    var converterName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030, .gbk: "GB18030"
        case .big5: "Big5-HKSCS"
        case .utf16: "UTF-16"
        case .utf16le: "UTF-16LE"
        case .utf16be: "UTF-16BE"
        }
    }

    /// The name in messages.
    var displayName: String {
        switch self {
        case .utf8: "UTF-8"
        case .gb18030: "GB18030"
        case .gbk: "GBK"
        case .big5: "Big5"
        case .utf16: "UTF-16"
        case .utf16le: "UTF-16LE"
        case .utf16be: "UTF-16BE"
        }
    }
}
