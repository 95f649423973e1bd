import { HttpError } from "wasp/server";
import { AppError } from "./errors";

// Runs a service call inside a Wasp operation, turning AppError into the HttpError Wasp
// sends to the browser (status, message and field errors); anything else stays a 500.
export async function asOperation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) {
      throw new HttpError(error.status, error.message, { fieldErrors: error.fieldErrors });
    }
    throw error;
  }
}
