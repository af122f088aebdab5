import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A throw-away git repository in a temporary folder, with a local identity so commits work anywhere. */
export class GitRepo {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'privacy-lint-git-'));

  constructor() {
    this.git('init', '--quiet', '--initial-branch=main');
    this.git('config', 'user.name', 'privacy-lint tests');
    this.git('config', 'user.email', 'tests@privacy-lint.invalid');
    this.git('config', 'commit.gpgsign', 'false');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(files: Record<string, string>): this {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(this.dir, file)), { recursive: true });
      fs.writeFileSync(path.join(this.dir, file), text);
    }
    return this;
  }

  remove(file: string): this {
    fs.rmSync(path.join(this.dir, file));
    return this;
  }

  stage(...files: string[]): this {
    this.git('add', '--', ...(files.length > 0 ? files : ['.']));
    return this;
  }

  commit(message: string): this {
    this.git('commit', '--quiet', '--allow-empty', '-m', message);
    return this;
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.dir, file), 'utf8');
  }
}
