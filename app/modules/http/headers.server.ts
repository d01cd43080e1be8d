/** Adds headers to a response (Vary is appended); copies the response when its headers are immutable. */
export function withHeaders(response: Response, headers: Record<string, string>): Response {
  const apply = (target: Headers) => {
    for (const [name, value] of Object.entries(headers)) {
      if (name.toLowerCase() === "vary") target.append(name, value);
      else target.set(name, value);
    }
  };
  try {
    apply(response.headers);
    return response;
  } catch {
    const copy = new Response(response.body, response);
    apply(copy.headers);
    return copy;
  }
}
