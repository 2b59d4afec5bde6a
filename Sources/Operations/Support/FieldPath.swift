/// The wire name of a decoding path: `lines[0].quantity`. One formatter for every error that names a field.
public enum FieldPath {
    public static func of(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}
