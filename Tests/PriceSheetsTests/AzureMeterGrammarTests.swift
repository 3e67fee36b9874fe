import Pricing
import Testing

@testable import PriceSheets

/// Real meter names from the shared Azure pages and what the grammar must make of them:
/// (meter name, model stem, version, meter, scope or "-", tier or "-", variant).
private let table: [(String, String, String, String, String, String, String)] = [
  ("gpt 4o 1120 Inp glbl Tokens", "gpt 4o", "1120", "input", "global", "-", ""),
  ("gpt-4o-0806-Inp-regnl Tokens", "gpt 4o", "0806", "input", "regional", "-", ""),
  ("gpt 4o 1120 Inp regnl Tokens", "gpt 4o", "1120", "input", "regional", "-", ""),
  ("gpt 4o 0513 Input Data Zone Tokens", "gpt 4o", "0513", "input", "datazone", "-", ""),
  ("gpt 4.1 Outp Data Zone Tokens", "gpt 4.1", "", "output", "datazone", "-", ""),
  ("4.3 Inp Glbl Tokens", "4.3", "", "input", "global", "-", ""),
  ("5.6 sol LongCo Inp Std Gl 1M Tokens", "5.6 sol", "", "input", "global", "standard", "long-context"),
  ("5.6 luna ShortCo Cd Wr PP DZ 1M Tokens", "5.6 luna", "", "cache_write", "datazone", "priority", ""),
  (
    "5.6 terra LongCo Cd Wr Std Gl 1M Tokens", "5.6 terra", "", "cache_write", "global", "standard",
    "long-context"
  ),
  ("5.6 sol ShortCo Cd Inp PP Gl 1M Tokens", "5.6 sol", "", "cache_read", "global", "priority", ""),
  ("gpt 5 pro out glbl Tokens", "gpt 5 pro", "", "output", "global", "-", ""),
  ("5.4 inp Dz 1M Tokens", "5.4", "", "input", "datazone", "-", ""),
  ("5.4 opt Dz 1M Tokens", "5.4", "", "output", "datazone", "-", ""),
  ("5.4 pp inp Gl 1M Tokens", "5.4", "", "input", "global", "priority", ""),
  ("5.4 longco inp Gl 1M Tokens", "5.4", "", "input", "global", "-", "long-context"),
  ("5.4 longco batch cd inp Dz 1M Tokens", "5.4", "", "cache_read", "datazone", "batch", "long-context"),
  ("5.5 ShortCo Batch inp Gl 1M Tokens", "5.5", "", "input", "global", "batch", ""),
  ("5.5 ShortCo PP opt Dz 1M Tokens", "5.5", "", "output", "datazone", "priority", ""),
  ("5.4 mini cd Inp Gl 1M Tokens", "5.4 mini", "", "cache_read", "global", "-", ""),
  ("codex mini inp cchd dzone Tokens", "codex mini", "", "cache_read", "datazone", "-", ""),
  ("codex mini out rgnl Tokens", "codex mini", "", "output", "regional", "-", ""),
  (
    "o3-deep research 0626-inp-cchd-glbl 1M Tokens", "o3 deep research", "0626", "cache_read", "global", "-",
    ""
  ),
  ("gpt-5-codex-ccchd-inp-glbl Tokens", "gpt 5 codex", "", "cache_read", "global", "-", ""),
  ("GPT 5 Nano cchd Inpt Glbl 1M Tokens", "GPT 5 Nano", "", "cache_read", "global", "-", ""),
  ("GPT 5 Batch Inpt cchd Dzone 1M Tokens", "GPT 5", "", "cache_read", "datazone", "batch", ""),
  ("GPT 5 Mini outpt Glbl 1M Tokens", "GPT 5 Mini", "", "output", "global", "-", ""),
  ("GPT 5 Chat Inpt Glbl 1M Tokens", "GPT 5 Chat", "", "input", "global", "-", ""),
  ("gpt-oss-120B Inp glbl Tokens", "gpt oss 120B", "", "input", "global", "-", ""),
  ("text-embedding-3-small-glbl Tokens", "text embedding 3 small", "", "input", "global", "-", "embedding"),
  ("text embedding 3 large DZ Tokens", "text embedding 3 large", "", "input", "datazone", "-", "embedding"),
  ("embedding-ada-regional Tokens", "embedding ada", "", "input", "regional", "-", "embedding"),
  ("Command A Inp Glbl Tokens", "Command A", "", "input", "global", "-", ""),
  ("Command A Outp DZ Tokens", "Command A", "", "output", "datazone", "-", ""),
  ("Command A Plus Inp Glbl 1M Tokens", "Command A Plus", "", "input", "global", "-", ""),
  ("Embed v4 Img DZ Tokens", "Embed v4", "", "input", "datazone", "-", "embedding,image"),
  ("Az-GPT-3.5-turbo Tokens", "GPT 3.5 turbo", "", "input", "-", "-", "combined"),
  ("Az-GPT4-Turbo-128K Input Tokens", "GPT4 Turbo 128K", "", "input", "-", "-", ""),
  ("Az-GPT35-Turbo-16K-1106 Output Tokens", "GPT35 Turbo 16K", "1106", "output", "-", "-", ""),
  ("Az-Embeddings-Ada Tokens", "Embeddings Ada", "", "input", "-", "-", "embedding"),
  ("gpt 4o mini0718 BatchOutp DataZone Tokens", "gpt 4o mini", "0718", "output", "datazone", "batch", ""),
  ("gpt 4o mini 0718 cached Inp glbl Tokens", "gpt 4o mini", "0718", "cache_read", "global", "-", ""),
  ("gpt-4o-mini-0718-Batch-Inp-glbl Tokens", "gpt 4o mini", "0718", "input", "global", "batch", ""),
  ("gpt-35-turbo16K-0125 Inp-glbl Tokens", "gpt 35 turbo16K", "0125", "input", "global", "-", ""),
  ("gpt-35-trb16K-Batch-125-Inp-glbl Tokens", "gpt 35 trb16K 125", "", "input", "global", "batch", ""),
  ("gpt-4-32K-Input-regional Tokens", "gpt 4 32K", "", "input", "regional", "-", ""),
  ("gpt-4-Turbo-Batch-128K Outp-glbl Tokens", "gpt 4 Turbo 128K", "", "output", "global", "batch", ""),
  ("gpt4o realtimePrvwAudInp DataZone Tokens", "gpt4o realtime Prvw", "", "input", "datazone", "-", "audio"),
  ("gpt4o realtimePrvw audio outp glbl Tokens", "gpt4o realtimePrvw", "", "output", "global", "-", "audio"),
  ("gpt4o realtime prvw text outp glbl Tokens", "gpt4o realtime prvw", "", "output", "global", "-", ""),
  (
    "gpt4o realtime cached audio inp regn Tokens", "gpt4o realtime", "", "cache_read", "regional", "-",
    "audio"
  ),
  ("gpt-4o-aud-0603 Inp glbl Tokens", "gpt 4o aud", "0603", "input", "global", "-", "audio"),
  ("gpt-4o-aud-0603-txt Inp glbl Tokens", "gpt 4o aud", "0603", "input", "global", "-", ""),
  ("gpt-4o-rt-aud-1217 cchd Inp DZn Tokens", "gpt 4o rt", "1217", "cache_read", "datazone", "-", "audio"),
  ("gpt-4o-rt-txt-0603 Outp regnl Tokens", "gpt 4o rt", "0603", "output", "regional", "-", ""),
  ("gpt4omini-aud1217 Outp regnl Tokens", "gpt4omini aud", "1217", "output", "regional", "-", "audio"),
  ("gpt4omini-aud1217-txt Inp DZone Tokens", "gpt4omini aud", "1217", "input", "datazone", "-", ""),
  ("gpt4omini-rt-aud1217 cchd Inp glbl Tokens", "gpt4omini rt", "1217", "cache_read", "global", "-", "audio"),
  ("gpt aud 0828 Inp glbl Tokens", "gpt aud", "0828", "input", "global", "-", "audio"),
  ("gpt aud 0828 txt Outp DZone Tokens", "gpt aud", "0828", "output", "datazone", "-", ""),
  ("gpt aud mini Inp regnl Tokens", "gpt aud mini", "", "input", "regional", "-", "audio"),
  ("gpt aud mn txt in DZ 1215 1M Tokens", "gpt aud mn", "1215", "input", "datazone", "-", ""),
  ("gpt aud 1.5 txt opt Gl 1M Tokens", "gpt aud 1.5", "", "output", "global", "-", ""),
  ("gpt rt aud 0828 cchd Inp DZn Tokens", "gpt rt", "0828", "cache_read", "datazone", "-", "audio"),
  ("gpt rt aud mn cd in rg 1215 1M Tokens", "gpt rt mn", "1215", "cache_read", "regional", "-", "audio"),
  ("gpt rt img mini cchd Inp glbl Tokens", "gpt rt mini", "", "cache_read", "global", "-", "image"),
  ("gpt rt txt mn Out gl 1215 1M Tokens", "gpt rt mn", "1215", "output", "global", "-", ""),
  ("gpt rt 1.5 aud cd inp Gl 1M Tokens", "gpt rt 1.5", "", "cache_read", "global", "-", "audio"),
  (
    "gpt-realtime-2.1-mini Audio cd inp DZ 1M Tokens", "gpt realtime 2.1 mini", "", "cache_read", "datazone",
    "-", "audio"
  ),
  ("gpt-realtime-2 Text opt Gl 1M Tokens", "gpt realtime 2", "", "output", "global", "-", ""),
  ("gpt4o mn tts aud out gl 1215 1M Tokens", "gpt4o mn tts", "1215", "output", "global", "-", "audio"),
  ("gpt4o mn trscb txt in dz 1215 1M Tokens", "gpt4o mn trscb", "1215", "input", "datazone", "-", ""),
  ("gpt 4o tcrb d aud inp dz Tokens", "gpt 4o tcrb d", "", "input", "datazone", "-", "audio"),
  (
    "gpt-4o-mini-transcribe-aud-inp-rgnl Tokens", "gpt 4o mini transcribe", "", "input", "regional", "-",
    "audio"
  ),
  ("gpt-4o-mini-tts-txt-inp-glbl Tokens", "gpt 4o mini tts", "", "input", "global", "-", ""),
  ("gpt img 1 mini inp cchd img dzone Tokens", "gpt img 1 mini", "", "cache_read", "datazone", "-", "image"),
  ("gpt img 1 mini inp txt glbl Tokens", "gpt img 1 mini", "", "input", "global", "-", ""),
  ("gpt img 1.5 out img gl 1M Tokens", "gpt img 1.5", "", "output", "global", "-", "image"),
  ("gpt-image-1-inp-cached-img-dzone Tokens", "gpt image 1", "", "cache_read", "datazone", "-", "image"),
  ("gpt-image-1-output-img-glbl Tokens", "gpt image 1", "", "output", "global", "-", "image"),
  ("Image 2 img Batch cd inp DZ 1M Tokens", "Image 2", "", "cache_read", "datazone", "batch", "image"),
  ("Image 2 txt inp Gl 1M Tokens", "Image 2", "", "input", "global", "-", ""),
  ("chat-latest 05052026 cd inp Gl 1M Tokens", "chat latest", "05052026", "cache_read", "global", "-", ""),
  ("gpt-latest 05052026 opt Gl 1M Tokens", "gpt latest", "05052026", "output", "global", "-", ""),
  ("o4-mini 0416 cached Inp DataZone Tokens", "o4 mini", "0416", "cache_read", "datazone", "-", ""),
  ("o1 mini cached input regnl Tokens", "o1 mini", "", "cache_read", "regional", "-", ""),
  ("o3 mini 0131 Batch Outp Data Zone Tokens", "o3 mini", "0131", "output", "datazone", "batch", ""),
  ("gpt-4.1-ft cached input regional Tokens", "gpt 4.1", "", "cache_read", "regional", "-", "fine-tuned"),
  (
    "gpt-4.1-mini-ft mdl grdr cchd inpt Tokens", "gpt 4.1 mini", "", "cache_read", "-", "-",
    "fine-tuned,grader"
  ),
  ("o1 model ft grader cched input Tokens", "o1", "", "cache_read", "-", "-", "fine-tuned,grader"),
  (
    "text-embedding-3-large-grader Tokens", "text embedding 3 large", "", "input", "-", "-",
    "grader,embedding"
  ),
  ("gpt-4.1-dev-ft opt glbl Tokens", "gpt 4.1", "", "output", "global", "-", "fine-tuned,developer"),
  ("o4 mini dev RFT cd inp glb Tokens", "o4 mini", "", "cache_read", "global", "-", "fine-tuned,developer"),
  ("4.1 mini pp cd Inp Dz Tokens", "4.1 mini", "", "cache_read", "datazone", "priority", ""),
  ("4o 0806 ft cd inp Dz Tokens", "4o", "0806", "cache_read", "datazone", "-", "fine-tuned"),
  (
    "gpt 4.1 dev ft training glbl Tokens", "gpt 4.1", "", "other", "global", "-",
    "fine-tuned,developer,training"
  ),
  (
    "gpt-35-turbo16K-FT-Trng-regnl tkn Tokens", "gpt 35 turbo16K", "", "other", "regional", "-",
    "fine-tuned,training"
  ),
  ("GPT-OSS-20b-IN-FT Tokens", "GPT OSS 20b", "", "input", "-", "-", "fine-tuned"),
  ("OSS 20b FT DZ Tokens", "OSS 20b", "", "input", "datazone", "-", "fine-tuned,combined"),
  ("Az-Babbage-002-Fine Tuned-Input Tokens", "Babbage 002", "", "input", "-", "-", "fine-tuned"),
  ("Az-Davinci-002-Fine Tuned-Output Tokens", "Davinci 002", "", "output", "-", "-", "fine-tuned"),
  ("davinci-002-base-regional Tokens", "davinci 002 base", "", "input", "regional", "-", "combined"),
  ("Llama 3.3 70B Inp Dzone Tokens", "Llama 3.3 70B", "", "input", "datazone", "-", ""),
  ("R1 Outp glbl Tokens", "R1", "", "output", "global", "-", ""),
  ("V4 Pro cached Inp glbl Tokens", "V4 Pro", "", "cache_read", "global", "-", ""),
  ("Phi-4-Input Tokens", "Phi 4", "", "input", "-", "-", ""),
  ("computer-use-inpt-datazone Tokens", "computer use", "", "input", "datazone", "-", ""),
  // Non-token meters.
  ("gpt-4o-0806-FT-Hstng-glbl Unit", "gpt 4o", "0806", "other", "global", "-", "fine-tuned,hosting"),
  ("o4-mini RFT Training regional Unit", "o4 mini", "", "other", "regional", "-", "fine-tuned,training"),
  ("OSS 20b FT DZ Deployment Hosting Unit", "OSS 20b", "", "other", "datazone", "-", "fine-tuned,hosting"),
  ("Provisioned Managed Data Zone Unit", "", "", "capacity", "datazone", "-", ""),
  ("Provisioned Managed Global Unit", "", "", "capacity", "global", "-", ""),
  ("Provisioned Throughput - Overage Unit", "", "", "capacity", "-", "-", "overage"),
  ("Az-Provisioned Throughput Units", "", "", "capacity", "-", "-", ""),
  ("Sora 2 pro high res dzone Second", "Sora 2 pro high res", "", "other", "datazone", "-", ""),
  ("Speech-to-Text-Batch-Whisper-glbl Unit", "Speech to Text Whisper", "", "other", "global", "batch", ""),
  ("Rerank v4 Fast Glbl Search", "Rerank v4 Fast", "", "other", "global", "-", ""),
  ("Assistants-File Search-glbl GB", "Assistants File Search", "", "other", "global", "-", ""),
  ("Standard Unit", "", "", "other", "-", "standard", ""),
]

@Suite struct AzureMeterGrammarTests {
  @Test(arguments: table.indices)
  func meterName(_ index: Int) {
    let (meterName, stem, version, meter, scope, tier, variant) = table[index]
    let name = AzureMeterGrammar.parse(meterName)
    let parsedMeter =
      name.role == .provisioned ? "capacity" : (name.tokenMeter ?? .other).rawValue
    #expect(name.problem == nil, "\(meterName)")
    #expect(name.stem == stem, "\(meterName)")
    #expect((name.version ?? "") == version, "\(meterName)")
    #expect(parsedMeter == meter, "\(meterName)")
    #expect((name.scope?.rawValue ?? "-") == scope, "\(meterName)")
    #expect((name.tier?.rawValue ?? "-") == tier, "\(meterName)")
    #expect(name.variant == variant, "\(meterName)")
  }

  @Test func sheetModelIsStemAndVersion() {
    #expect(AzureMeterGrammar.parse("gpt 4o 1120 Inp glbl Tokens").sheetModel == "gpt 4o 1120")
    #expect(AzureMeterGrammar.parse("gpt aud mn in DZ 1215 1M Tokens").sheetModel == "gpt aud mn 1215")
    #expect(
      AzureMeterGrammar.parse("Provisioned Managed Global Unit").sheetModel
        == "Provisioned Managed Global")
  }

  @Test func conflictingWordsAreProblems() {
    #expect(AzureMeterGrammar.parse("gpt 4o Inp Outp glbl Tokens").problem != nil)
    #expect(AzureMeterGrammar.parse("gpt 4o Inp glbl DZ Tokens").problem != nil)
    #expect(AzureMeterGrammar.parse("gpt 4o Batch pp Inp glbl Tokens").problem != nil)
  }

  @Test func versions() {
    #expect(AzureMeterGrammar.isVersion("1120"))
    #expect(AzureMeterGrammar.isVersion("05052026"))
    #expect(!AzureMeterGrammar.isVersion("1380"))
    #expect(!AzureMeterGrammar.isVersion("125"))
    #expect(!AzureMeterGrammar.isVersion("05051926"))
  }
}
