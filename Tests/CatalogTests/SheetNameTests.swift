@testable import Catalog
import Testing

@Suite struct SheetNameTests {
  @Test(arguments: [
    ("gpt 4o 1120 Batch Inp DZ Tokens", "gpt 4o 1120"),
    ("gpt-4o-0806-cached-FT-inp-datazone Tokens", "gpt 4o 0806"),
    ("5.6 luna LongCo Cd Wr Std DZ 1M Tokens", "5.6 luna"),
    ("gpt rt img mn cd in DZ 1215 1M Tokens", "gpt rt img mn 1215"),
    ("gpt 4o mini 0718 Inp Data Zone Tokens", "gpt 4o mini 0718"),
    ("o4-mini-ft cached input global Tokens", "o4 mini"),
    ("Embed v4 Img DZ Tokens", "Embed v4"),
    ("gpt-4o-aud-0603-txt Inp DZone Tokens", "gpt 4o aud 0603"),
    ("Az-GPT35-Turbo-16K-1106 Input Tokens", "GPT35 Turbo 16K 1106"),
    ("gpt-35-trb16K-Batch-125-Inp-glbl Tokens", "gpt 35 trb16K 125"),
    ("gpt-oss-120B Inp DZone Tokens", "gpt oss 120B"),
    ("4.3 Inp Glbl Tokens", "4.3"),
    ("Command A Plus Outp Glbl 1M Tokens", "Command A Plus"),
    ("gpt 4o", "gpt 4o"),
  ])
  func azureStem(meter: String, stem: String) {
    #expect(SheetName.azureStem(meter) == stem)
  }

  @Test(arguments: [
    ("USE1-NovaPro-input-tokens", "NovaPro"),
    ("USE1-openai.gpt-oss-120b-mantle-input-tokens-standard", "openai.gpt-oss-120b"),
    ("EU-Llama3-1-70B-output-tokens-batch", "Llama3-1-70B"),
    ("APN1-zai.glm5-cache-read-input-token-count", "zai.glm5"),
  ])
  func usagetypeStem(usagetype: String, stem: String) {
    #expect(SheetName.usagetypeStem(usagetype) == stem)
  }

  @Test func keysIgnoreCaseSpacesHyphensAndTheMarketplaceSuffix() {
    #expect(SheetName.key("GPT 4o-Mini") == SheetName.key("gpt-4o mini"))
    #expect(SheetName.key("Claude Sonnet 4.6 (Amazon Bedrock Edition)") == SheetName.key("claude-sonnet-4.6"))
    #expect(SheetName.key("gpt 4.1") != SheetName.key("gpt 41"))
  }

  @Test func bareRuntimeIDDropsProfileAndVersion() {
    #expect(
      SheetName.bareRuntimeID("us.anthropic.claude-3-haiku-20240307-v1:0")
        == "anthropic.claude-3-haiku-20240307")
    #expect(SheetName.bareRuntimeID("openai.gpt-oss-120b-1:0") == "openai.gpt-oss-120b")
    #expect(SheetName.bareRuntimeID("anthropic.claude-sonnet-4-6") == "anthropic.claude-sonnet-4-6")
  }

  @Test("the ASCII fast path gives the keys of the Foundation path: every catalogue name, odd spacing")
  func asciiKeyAgrees() throws {
    let catalog = try ModelCatalog.embedded()
    var names = catalog.models.map(\.id) + catalog.aliases.map(\.alias)
    names += [
      "", " ", "\t", "  Claude Sonnet 4.6 (Amazon Bedrock Edition)  ", "X (amazon bedrock edition)\n",
      "a\r\nb", "(Amazon Bedrock Edition)", "GPT_4o-Mini\t", "A\u{0B}B\u{0C}C", "mixed CASE (x) y",
    ]
    for name in names {
      #expect(SheetName.asciiKey(name) == SheetName.unicodeKey(name), "\(name.debugDescription)")
    }
    #expect(SheetName.asciiKey("café") == nil)
    #expect(SheetName.key("Café Model") == SheetName.unicodeKey("Café Model"))
  }
}
