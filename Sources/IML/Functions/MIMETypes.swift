/// The MIME type of a file name by its extension, for IML's `mime(fileName)`: the common types of the
/// `mime` package Node apps use; anything else is `application/octet-stream`.
enum MIMETypes {
    static let fallback = "application/octet-stream"

    static let byExtension: [String: String] = [
        "txt": "text/plain", "text": "text/plain", "csv": "text/csv", "tsv": "text/tab-separated-values",
        "html": "text/html", "htm": "text/html", "css": "text/css", "md": "text/markdown", "ics": "text/calendar",
        "xml": "application/xml", "js": "application/javascript", "mjs": "application/javascript",
        "json": "application/json", "pdf": "application/pdf", "zip": "application/zip", "gz": "application/gzip",
        "tar": "application/x-tar", "rtf": "application/rtf", "yaml": "text/yaml", "yml": "text/yaml",
        "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "webp": "image/webp",
        "svg": "image/svg+xml", "bmp": "image/bmp", "ico": "image/vnd.microsoft.icon", "tif": "image/tiff",
        "tiff": "image/tiff", "heic": "image/heic", "avif": "image/avif",
        "mp3": "audio/mpeg", "wav": "audio/wav", "ogg": "audio/ogg", "m4a": "audio/mp4", "flac": "audio/flac",
        "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm", "avi": "video/x-msvideo",
        "mpeg": "video/mpeg", "eml": "message/rfc822", "woff": "font/woff", "woff2": "font/woff2",
    ]

    /// `report.PDF` is `application/pdf`; a path, a bare extension (`pdf`, `.pdf`) works too.
    static func type(ofFile name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        let ext = last.split(separator: ".", omittingEmptySubsequences: false).last.map(String.init) ?? last
        return byExtension[ext.lowercased()] ?? fallback
    }
}
