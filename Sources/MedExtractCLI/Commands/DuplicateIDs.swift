/// Notices documents that share an id (a directory holding both `.txt`
/// files and a `.jsonl` of the same documents outputs each twice under one
/// id, which downstream tools would merge or overwrite).
struct DuplicateIDs {
    /// Where each id was first seen.
    private var origins: [String: String] = [:]

    /// A warning when `document`'s id was already seen, else nil.
    mutating func check(_ document: InputDocument) -> String? {
        if let first = origins[document.id] {
            return "\(document.origin): duplicate document id '\(IdEscaping.escaped(document.id))' (first in \(first))"
        }
        origins[document.id] = document.origin
        return nil
    }
}
