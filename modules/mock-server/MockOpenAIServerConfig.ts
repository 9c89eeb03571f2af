import "reflect-metadata";
import { IsInt, IsNumber, Max, Min } from "aiperf/validators";

/** `endpoint.mock:` keys of the built-in `embedded` mock server. */
export class MockOpenAIServerConfig {
  /** Time to first token. */
  @IsNumber()
  @Min(0)
  ttft_ms = 20;

  /** Inter-token latency. */
  @IsNumber()
  @Min(0)
  itl_ms = 5;

  /** Output length when a request gives no `max_tokens`. */
  @IsInt()
  @Min(1)
  output_tokens = 64;

  /** Fraction of requests answered with HTTP 500. */
  @IsNumber()
  @Min(0)
  @Max(1)
  error_rate = 0;
}
