import "reflect-metadata";
import { IsOptional, IsString, Matches } from "aiperf/validators";

/** Settings of the built-in `zmq_proxy` implementations (`plugins.settings["zmq_proxy.xpub_xsub"]`, …). */
export class ZmqProxyConfig {
  /** Where the side that sends in binds (publishers, pushers, requesting clients); default a temp ipc socket. */
  @IsOptional()
  @IsString()
  @Matches(/^(ipc|tcp):\/\/./, { message: "frontend must be a ZeroMQ endpoint (ipc://… or tcp://…)" })
  frontend?: string;

  /** Where the side that receives binds (subscribers, pullers, workers); default a temp ipc socket. */
  @IsOptional()
  @IsString()
  @Matches(/^(ipc|tcp):\/\/./, { message: "backend must be a ZeroMQ endpoint (ipc://… or tcp://…)" })
  backend?: string;
}
