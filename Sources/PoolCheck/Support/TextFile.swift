import Foundation

/// Reads a user-supplied text file, failing with one line that says why in plain words.
public enum TextFile {
    public static func read(_ path: String, what: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, line: nil, "no such \(what) file")
        }
        if isDirectory.boolValue { throw InputError(file: path, line: nil, "is a directory, expected a \(what) file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, line: nil, "cannot read \(what) file (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8), !data.contains(0) else {
            throw InputError(file: path, line: nil, "not a text file (binary or not UTF-8), expected a \(what) file")
        }
        return text
    }
}
