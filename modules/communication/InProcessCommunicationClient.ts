import { Communication, type CommunicationClient, inject } from "aiperf";

/** Built-in `in_process` client: a service's end of the app's own `communication` bus. */
export class InProcessCommunicationClient implements CommunicationClient {
  constructor(@inject(Communication.token) private readonly bus: Communication) {}

  send(topic: string, message: unknown): void {
    this.bus.publish(topic, message);
  }

  onMessage(topic: string, handler: (message: unknown) => void): () => void {
    return this.bus.subscribe(topic, handler);
  }
}
