import "reflect-metadata";
import { ArrayNotEmpty, IsArray, IsNotEmpty, IsString } from "../validators.js";

/**
 * The `metadata:` of an `event_handler` entry: the events it handles, by name.
 * @public
 */
export class EventHandlerMetadata {
  @IsArray()
  @ArrayNotEmpty()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  events!: string[];
}
