extension EngineRatePayload {
  /// Bytes of the checksum trailer.
  static let checksumSize = 8

  /// A 64-bit checksum of `bytes` to refuse a damaged payload (not a cryptographic hash: the
  /// payload is the store's own cache). Four independent lanes over little-endian 8-byte words,
  /// each word xored in and multiplied by an odd constant (a bijection, so any change of one word
  /// changes its lane), then the lanes, the tail bytes and the length folded together.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    var a: UInt64 = 0x243F_6A88_85A3_08D3
    var b: UInt64 = 0x1319_8A2E_0370_7344
    var c: UInt64 = 0xA409_3822_299F_31D0
    var d: UInt64 = 0x082E_FA98_EC4E_6C89
    func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
      let x = (h ^ w) &* k
      return x ^ (x >> 31)
    }
    let n = bytes.count
    var i = 0
    while i + 32 <= n {
      a = mix(a, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
      b = mix(b, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)))
      c = mix(c, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)))
      d = mix(d, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)))
      i += 32
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
      tail |= UInt64(bytes[i]) << shift
      shift += 8
      if shift == 64 {
        a = mix(a, tail)
        tail = 0
        shift = 0
      }
      i += 1
    }
    var h = mix(mix(mix(mix(a, b), c), d), tail)
    h = mix(h, UInt64(n))
    return h
  }

  /// The checksum as trailer bytes (little-endian).
  static func checksumBytes(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
    withUnsafeBytes(of: checksum(bytes).littleEndian) { Array($0) }
  }
}
