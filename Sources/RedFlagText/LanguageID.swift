// Language identification: a small lexicon-based scorer for Latin-script text (en, id, ms, tl, vi)
// and a script-to-language map for the others.

/// Guesses the language of text from its words or its script.
public enum LanguageIdentifier {

  /// The languages `guessLatin` chooses among, in the column order of `Lexicon.table`.
  static let latinLanguages = ["en", "id", "ms", "tl", "vi"]

  /// Guesses among en, id, ms, tl and vi from Latin-script words (lowercased or not).
  ///
  /// Each word adds the weights the lexicon gives it per language; words with letters only
  /// Vietnamese uses (ư ơ ă đ and the tone-marked vowels) count for Vietnamese. The confidence is
  /// the margin between the best and second-best score, scaled down when there is little evidence.
  /// No evidence at all gives `LanguageGuess.undetermined`.
  public static func guessLatin<S: Sequence>(words: S) -> LanguageGuess where S.Element: StringProtocol {
    guessLatin(normalized: words.lazy.map { $0.lowercased() })
  }

  /// As `guessLatin(words:)` for words already lowercased (token norms are casefolded).
  static func guessLatin<S: Sequence>(normalized words: S) -> LanguageGuess where S.Element == String {
    var scores = [Double](repeating: 0, count: latinLanguages.count)
    Lexicon.rows.withUnsafeBufferPointer { rows in
      for w in words {
        if let row = Lexicon.index[WordKey(w)] {
          for k in 0..<5 { scores[k] += rows[row * 5 + k] }
        } else {
          scores[Lexicon.vi] += vietnameseLetterEvidence(w)
        }
      }
    }
    return guess(from: scores)
  }

  static func guess(from scores: [Double]) -> LanguageGuess {
    var best = 0
    for k in 1..<scores.count where scores[k] > scores[best] { best = k }
    var second = 0.0
    for k in 0..<scores.count where k != best { second = max(second, scores[k]) }
    let top = scores[best]
    guard top > 0 else { return .undetermined }
    let margin = (top - second) / top
    let evidence = 1 - exp(-top / 3)
    return LanguageGuess(code: latinLanguages[best], confidence: min(1, max(0, margin * evidence)))
  }

  /// Evidence for Vietnamese from the letters of a word that is not in the lexicon.
  static func vietnameseLetterEvidence(_ w: String) -> Double {
    var strong = false
    var accented = false
    for u in w.unicodeScalars {
      switch u.value {
      // ă đ ơ ư ĩ ũ, the Vietnamese block, and (for decomposed text) hook above, horn, dot below.
      case 0x0103, 0x0111, 0x01A1, 0x01B0, 0x0129, 0x0169, 0x1EA0...0x1EF9, 0x0309, 0x031B, 0x0323:
        strong = true
      // à á â ã è é ê ì í ò ó ô õ ù ú ý, and combining grave, acute, circumflex, tilde, breve.
      case 0xE0...0xE3, 0xE8...0xEA, 0xEC, 0xED, 0xF2...0xF5, 0xF9, 0xFA, 0xFD, 0x0300...0x0303, 0x0306:
        accented = true
      default: break
      }
    }
    return strong ? 1.5 : (accented ? 0.5 : 0)
  }

  /// The language of a run of text in one non-Latin script: th, km, lo, my, zh (Han), ja (kana),
  /// ko (Hangul), ru (Cyrillic); `und` for Latin (use `guessLatin`) and everything else.
  public static func language(ofScript script: Script) -> LanguageGuess {
    switch script {
    case .thai: LanguageGuess(code: "th", confidence: 0.95)
    case .khmer: LanguageGuess(code: "km", confidence: 0.95)
    case .lao: LanguageGuess(code: "lo", confidence: 0.95)
    // Myanmar script also writes Shan, Mon and Karen; Burmese is by far the most common.
    case .myanmar: LanguageGuess(code: "my", confidence: 0.9)
    // Han alone may also be Japanese kanji; a run with kana is reported as `.kana`.
    case .han: LanguageGuess(code: "zh", confidence: 0.85)
    case .kana: LanguageGuess(code: "ja", confidence: 0.95)
    case .hangul: LanguageGuess(code: "ko", confidence: 0.95)
    // Cyrillic is also used to disguise Latin words (homoglyphs) and for many other languages.
    case .cyrillic: LanguageGuess(code: "ru", confidence: 0.6)
    case .latin, .greek, .arabic, .other, .common: .undetermined
    }
  }

  /// e^x for the confidence curve, without Foundation.
  static func exp(_ x: Double) -> Double {
    // Range reduction: e^x = (e^(x/2^k))^(2^k), with a short Taylor series near zero.
    var k = 0
    var y = x
    while abs(y) > 0.5 { y /= 2; k += 1 }
    var term = 1.0
    var sum = 1.0
    for n in 1...12 {
      term *= y / Double(n)
      sum += term
    }
    for _ in 0..<k { sum *= sum }
    return sum
  }
}

/// Word weights per language. Weights: 2 = only this language uses the word (function words,
/// distinctive spellings); 1 = typical but shared with a neighbour; 0.3-0.5 = shared by id and ms
/// or a loanword common in every language's ads.
enum Lexicon {
  static let en = 0, id = 1, ms = 2, tl = 3, vi = 4

  static let table: [String: [Double]] = {
    var t: [String: [Double]] = [:]
    func add(_ lang: Int, _ weight: Double, _ words: String) {
      for w in words.split(separator: " ") {
        var row = t[String(w)] ?? [0, 0, 0, 0, 0]
        row[lang] = max(row[lang], weight)
        t[String(w)] = row
      }
    }
    // English: function words are strong; job-ad nouns are loanwords everywhere, so weak.
    add(en, 2, """
      the and with you your for are is will have has this that of to from we our they their be been \
      it on or not can must should would who what when where which how all any if an as by but more \
      only just very also than there here about into after before them these those was were do does \
      get make need needed apply interested please send us my i me he she his her its
      """)
    add(en, 0.6, """
      hiring job jobs work working salary experience required requirements company position staff \
      free contact now good high month monthly week weekly day daily hours hour year years old age male \
      female message visa passport ticket travel food accommodation provided overseas abroad agency \
      employer worker workers earn easy fast urgent without english no skills training offer \
      vacancy vacancies opportunity opportunities applicants application
      """)
    add(en, 0.3, "in at")

    // Indonesian and Malay share most of their vocabulary: shared words are weak for both,
    // and the words where the two standards differ carry the decision.
    let shared = """
      tidak kerja gaji pengalaman sudah dengan yang untuk bulan dan di ke dari ini itu akan ada atau \
      juga tapi perlu segera hubungi melalui tahun wanita perempuan pendidikan syarat tanpa tiket \
      pekerjaan pekerja hari minggu jam makan tempat tinggal dapat lebih kurang saya dia mereka \
      terima kasih hanya cuma orang semua seperti oleh pada telah sedang belum masih baru besar \
      bekerja mudah cepat tolong mohon permohonan negara luar negeri gudang restoran pelayan tukang \
      masak pembantu rumah tangga cuti bayar dibayar pinjaman potong dipotong disimpan sangat banyak \
      bagaimana sekarang sini juta ribu berminat dapatkan kosong majikan usia kami kita aku anda
      """
    add(id, 0.3, shared)
    add(ms, 0.3, shared)
    add(id, 2, """
      bisa lowongan loker uang saja karena harus butuh dibutuhkan langsung minimal pria lulusan \
      persyaratan gratis paspor kantor karyawan perusahaan mau ga gak nggak enggak gimana silakan \
      bapak kak rupiah jt rb diberikan adalah merupakan benar gampang melamar lamaran jumlah sekitar \
      kendaraan telepon nomor pabrik toko tunjangan lembur akhir pembayaran utang kamu agen banget \
      kerjaan dong sih aja udah gaes tkw tki pmi perawat lansia biaya pesawat
      """)
    add(id, 0.8, "dicari")
    add(ms, 2, """
      boleh wang sahaja jawatan umur lelaki percuma pasport pejabat syarikat ejen mahu nak tak sila \
      encik cik puan ringgit daripada ialah beliau sebab kerana betul amat pantas memohon bilangan \
      kenderaan telefon nombor kilang kedai elaun hujung bayaran hutang berkelayakan kelayakan \
      calon berumur mengikut warganegara jururawat sambilan adakah pengeluaran
      """)
    add(ms, 1, "sehingga diperlukan kos asrama")
    add(id, 1, "anda")  // Indonesian ads use Anda too, but less than Malay ones.
    add(ms, 1.5, "anda")

    // Tagalog: function words are strong and decide Taglish.
    add(tl, 2, """
      ang ng mga sa na ay po opo mayroon wala walang kailangan trabaho sahod sweldo suweldo tayo \
      kayo ikaw ka ko mo niya nila namin natin ninyo siya sila ito iyan iyon dito doon para pero hindi \
      oo lang lamang din rin naman pa nang kung kapag pag basta agad ngayon bawat buwan araw linggo \
      taon gulang edad libre pamasahe magtrabaho nagtatrabaho mag makipag aplikante kasambahay \
      katulong ahensya amo pasaporte bayad bayaran utang kumita malaki maliit madali mabilis masipag \
      tapos pwede puwede gusto interesado yung yun ung nyo kau kyo sya lng pinoy pilipinas trabahong \
      pera piso kasama libreng pagkain tirahan mabait salamat maraming marami talaga sobrang ganun \
      ganito ofw nasa ni si kay kina daw raw ba mismo hanggang habang dahil kaya sino kahit marunong \
      lahat bahala papuntang naghahanap hanap
      """)
    add(tl, 0.8, "at kami kita")
    add(tl, 1, "may")
    add(en, 0.5, "may")

    // Vietnamese, with tone marks (unambiguous: 2) and without (1.5 when distinctive, 0.5 when the
    // bare form is also a word elsewhere).
    for w in """
      và của không làm việc lương người có là cho các những được tuyển dụng nhân viên tháng ngày giờ \
      năm tuổi cần kinh nghiệm lao động xuất khẩu công ty bao ăn ở miễn phí liên hệ với từ đến trong \
      ngoài nước đi mình bạn chị tôi chúng thu nhập triệu nghìn ngàn đồng hợp hộ chiếu vé máy bay nhà \
      sẽ đã rất nhiều yêu cầu ứng hồ sơ nộp phỏng vấn cao thưởng tăng đêm sáng chiều lắm nhé ạ ơi vui \
      lòng khoảng tại đây sau trước hoặc nếu thì mà cũng vẫn đang chỉ mới gì nào
      """.split(separator: " ") {
      add(vi, w.unicodeScalars.contains { $0.value >= 0x80 } ? 2 : 1, String(w))
    }
    add(vi, 1.5, """
      va cua khong lam viec luong nguoi duoc tuyen nhan vien thang ngay tuoi kinh nghiem xuat khau \
      cong mien phi lien voi nuoc chung nhap trieu nghin hop chieu nhieu yeu cau ung nop phong van \
      thuong dem khoang truoc hoac neu thi cung dang moi minh ban toi anh chi em ty tai nhe phuc vu nu
      """)
    add(vi, 0.5, "co la cho cac nhung gio nam can bao an o tu den trong ngoai di thu nha se da rat tang ai hay gap hang")
    return t
  }()

  /// `table` flattened for lookups on hot paths: a word's row number, and five weights per row.
  static let index: [WordKey: Int] = {
    var i: [WordKey: Int] = [:]
    // Keys in the form token norms take (NFKC casefold), since lookups compare bytes.
    for (k, w) in table.keys.sorted().enumerated() { i[WordKey(Normalization.normalizeWord(w).norm)] = k }
    return i
  }()
  static let rows: [Double] = table.keys.sorted().flatMap { table[$0]! }
}
