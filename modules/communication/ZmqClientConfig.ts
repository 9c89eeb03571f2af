import "reflect-metadata";
import { IsOptional, IsString, Matches } from "aiperf/validators";

/** Settings of the `zmq_dealer` communication client (`plugins.settings["communication_client.zmq_dealer"]`). */
export class ZmqClientConfig {
  /** The hub (a `zmq_ipc`/`zmq_tcp` communication that binds) to join. */
  @IsString()
  @Matches(/^(ipc|tcp):\/\/./, { message: "connect must be a ZeroMQ endpoint (ipc://… or tcp://…)" })
  connect = "";

  /** This service's name on the bus (default `client-<pid>`): the hub addresses it by this name. */
  @IsOptional()
  @IsString()
  identity?: string;
}
