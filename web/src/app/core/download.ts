import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { map, type Observable } from 'rxjs';

/**
 * Files behind the API's bearer token: an `<a href>` or `<iframe src>` cannot send it, so the client fetches the
 * bytes and hands the browser an object URL.
 */
@Injectable({ providedIn: 'root' })
export class Download {
  private readonly http = inject(HttpClient);

  /** Fetches a file as a Blob, asking for `accept` (e.g. `application/pdf`, `text/csv`). */
  blob(url: string, accept: string): Observable<Blob> {
    return this.http.get(url, { responseType: 'blob', headers: { Accept: accept } });
  }

  /** An object URL for the file (revoke it with `URL.revokeObjectURL` when done). */
  objectUrl(url: string, accept: string): Observable<string> {
    return this.blob(url, accept).pipe(map((blob) => URL.createObjectURL(blob)));
  }

  /** Fetches the file and saves it under `fileName`. */
  save(url: string, accept: string, fileName: string): Observable<void> {
    return this.blob(url, accept).pipe(
      map((blob) => {
        const href = URL.createObjectURL(blob);
        const link = document.createElement('a');
        link.href = href;
        link.download = fileName;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(href), 10_000);
      }),
    );
  }
}
