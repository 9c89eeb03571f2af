import "reflect-metadata";
import { IsOptional, IsString, Matches } from "aiperf/validators";

/**
 * Settings of the `zmq_ipc` and `zmq_tcp` communication (`plugins.settings["communication.zmq_ipc"]`).
 * Without `connect` the bus binds (it is the hub other processes join); with it, it joins one.
 */
export class ZmqCommunicationConfig {
  /** Where the hub binds: `ipc:///path` or `tcp://127.0.0.1:5557`; default a fresh temp socket (ipc) or any free loopback port (tcp). */
  @IsOptional()
  @IsString()
  @Matches(/^(ipc|tcp):\/\/./, { message: "address must be a ZeroMQ endpoint (ipc://… or tcp://…)" })
  address?: string;

  /** The hub to join, instead of binding one. */
  @IsOptional()
  @IsString()
  @Matches(/^(ipc|tcp):\/\/./, { message: "connect must be a ZeroMQ endpoint (ipc://… or tcp://…)" })
  connect?: string;

  /** This process's name on the bus when it joins (default `peer-<pid>`). */
  @IsOptional()
  @IsString()
  identity?: string;
}
