extension JSONParser {
    /// Parses `"key" :` of the member that comes next in the innermost (object) frame. A repeated key
    /// throws, or is remembered and marks the earlier member's slot for replacement (the later value wins,
    /// in place).
    mutating func beginMember() throws(JSONSyntaxError) {
        let top = frames.count - 1
        let (key, keyOffset) = try parseMemberKey()
        pendingKeyOffset = keyOffset
        if let existing = memberIndex(of: key, in: top) {
            let pointer = currentPointer(appending: key)
            if rejectDuplicateKeys {
                throw error("json.duplicate-key", JSONValue.duplicateMessage(pointer), at: keyOffset)
            }
            duplicateKeys.append((pointer, keyOffset))
            frames[top].replacing = frames[top].valueStart + existing
            return
        }
        let count = keys.count - frames[top].keyStart
        keys.push(key)
        if frames[top].keyIndex != nil {
            frames[top].keyIndex![key] = count
        } else if count + 1 >= JSONObject.indexThreshold {
            frames[top].keyIndex = buildIndex(from: frames[top].keyStart)
        }
    }

    /// The pointer of the innermost open container, plus `key`: built from the frames only when needed.
    private func currentPointer(appending key: String) -> JSONPointer {
        var tokens: [String] = []
        for level in 0..<(frames.count - 1) {
            let frame = frames[level], child = frames[level + 1]
            if !frame.isObject {
                tokens.append(String(child.valueStart - frame.valueStart))
            } else if frame.replacing >= 0 {
                tokens.append(keys[frame.keyStart + frame.replacing - frame.valueStart])
            } else {
                tokens.append(keys[child.keyStart - 1])
            }
        }
        return JSONPointer(tokens: tokens + [key])
    }

    /// The index of `key` among the members of the object in frame `top`, if it is already there.
    @inline(__always)
    private func memberIndex(of key: String, in top: Int) -> Int? {
        if let index = frames[top].keyIndex { return index[key] }
        let start = frames[top].keyStart
        var index = start
        while index < keys.count {
            if keys[index] == key { return index - start }
            index += 1
        }
        return nil
    }

    private func buildIndex(from start: Int) -> [String: Int] {
        var index = [String: Int](minimumCapacity: (keys.count - start) * 2)
        for position in start..<keys.count { index[keys[position]] = position - start }
        return index
    }

    /// `"key" :` — returns the key and the offset of its opening quote.
    private mutating func parseMemberKey() throws(JSONSyntaxError) -> (String, Int) {
        let offset = position
        guard peek() == UInt8(ascii: "\"") else {
            throw structuralError("json.expected-key", "expected a string key in double quotes, found \(describeCurrent())")
        }
        let key = try parseString()
        skipWhitespace()
        guard consume(UInt8(ascii: ":")) else {
            throw structuralError("json.expected-colon", "expected ':' after an object key, found \(describeCurrent())")
        }
        return (key, offset)
    }
}
