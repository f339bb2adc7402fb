#!/usr/bin/perl
# SPDX-License-Identifier: MIT
# Generates the workloads' inputs, deterministically from a seed (perl-base is
# part of every Debian system):
#
#   gen.pl text SEED BYTES      prose: a Zipf-distributed vocabulary, sentences, paragraphs
#   gen.pl log SEED BYTES       server log lines: times, hosts, levels, paths, numbers
#   gen.pl bin SEED BYTES       binary records: counters, doubles, short names
#   gen.pl json SEED BYTES KIND JSON: records (objects of every value type),
#                               nested (deep trees), numbers (numeric arrays)
#   gen.pl xml SEED BYTES       an XML catalogue: attributes, entities, CDATA
#   gen.pl markdown SEED BYTES KIND
#                               Markdown: docs (headings, prose paragraphs, short
#                               lists, fenced code, as a project's documents) or
#                               dense (nested lists, rows of inline code, emphasis
#                               and links in every phrase, block quotes)
#   gen.pl yaml SEED BYTES KIND YAML: config (nested block mappings, comments,
#                               anchors and aliases, literal blocks) or list (a
#                               long block sequence of flat records, quoted
#                               scalars, flow sequences)
#
# The output goes to standard output.
use strict;
use warnings;

my ($kind, $seed, $bytes, $sub) = @ARGV;
die "usage: gen.pl text|log|bin|json|xml|markdown|yaml SEED BYTES [KIND]\n" unless defined $bytes;
srand($seed);
binmode STDOUT;

my @syl = qw(ka to ri en sa mo lu the in an er on ve al or de ti ne ra co ma);
my @vocab;
for my $i (0 .. 4999) {
  my $w = join '', map { $syl[int(rand(@syl))] } 1 .. 1 + int(rand(4));
  push @vocab, $w;
}
# Zipf: word i is drawn with weight 1/(i+1).
my @cum;
my $total = 0;
for my $i (0 .. $#vocab) { $total += 1 / ($i + 1); push @cum, $total; }
sub word {
  my $r = rand($total);
  my ($lo, $hi) = (0, $#cum);
  while ($lo < $hi) { my $m = int(($lo + $hi) / 2); if ($cum[$m] < $r) { $lo = $m + 1 } else { $hi = $m } }
  return $vocab[$lo];
}
sub sentence {
  my $n = 4 + int(rand(14));
  my $s = ucfirst(join ' ', map { word() } 1 .. $n);
  $s .= (',', ';', '')[int(rand(3))] . ' ' . word() . ' ' . word() if rand() < 0.3;
  return $s . ('.', '.', '.', '?', '!')[int(rand(5))];
}
sub str {
  my $n = 1 + int(rand(4));
  return join ' ', map { word() } 1 .. $n;
}

my $out = 0;
sub emit { print $_[0]; $out += length $_[0]; }

if ($kind eq 'text') {
  while ($out < $bytes) {
    my $p = join ' ', map { sentence() } 1 .. 2 + int(rand(6));
    emit("$p\n\n");
  }
} elsif ($kind eq 'log') {
  my @lvl = (('INFO') x 8, ('DEBUG') x 4, 'WARN', 'WARN', 'ERROR');
  my @meth = (('GET') x 6, 'POST', 'POST', 'PUT', 'DELETE');
  my @code = ((200) x 12, 201, 204, 301, 304, 400, 403, 404, 404, 500, 503);
  my $t = 1_700_000_000 + $seed * 1000;
  while ($out < $bytes) {
    $t += rand(2);
    my @tm = gmtime($t);
    my $ts = sprintf('%04d-%02d-%02dT%02d:%02d:%02d.%03dZ', $tm[5] + 1900, $tm[4] + 1, $tm[3], $tm[2], $tm[1], $tm[0], int(rand(1000)));
    my $ip = join '.', 10, int(rand(4)), int(rand(256)), int(rand(256));
    my $path = '/' . join('/', map { word() } 1 .. 1 + int(rand(3)));
    $path .= '/' . int(rand(100000)) if rand() < 0.5;
    $path .= '?q=' . word() . '&page=' . int(rand(50)) if rand() < 0.3;
    my $line = sprintf("%s host-%02d app[%d]: %s %s %s %s %d %d %.3fs user=%s\n",
      $ts, int(rand(40)), 1000 + int(rand(9000)), $lvl[int(rand(@lvl))], $ip,
      $meth[int(rand(@meth))], $path, $code[int(rand(@code))], int(rand(65536)), rand(2), word());
    $line = "$ts host-00 app[1]: ERROR exception in " . word() . ': ' . sentence() . "\n" if rand() < 0.02;
    emit($line);
  }
} elsif ($kind eq 'bin') {
  my $id = 0;
  my $v = 1000.0;
  while ($out < $bytes) {
    $id += 1 + int(rand(3));
    $v += rand(2) - 1;
    my $name = substr(word() . "\0" x 16, 0, 16);
    emit(pack('V V d d a16 v C C', $id, $id * 7 + int(rand(16)), $v, int($v * 100) / 100,
      $name, int(rand(1000)), int(rand(4)), 0));
  }
} elsif ($kind eq 'json') {
  $sub //= 'records';
  my @esc = ('\\"', '\\\\', '\\n', '\\t', '\\u00e9', '\\u4e2d', '\\/');
  my $jstr = sub {
    my $s = str();
    $s .= $esc[int(rand(@esc))] . word() if rand() < 0.15;
    return "\"$s\"";
  };
  my $num = sub {
    my $r = rand();
    return int(rand(1000)) if $r < 0.4;
    return -int(rand(1e9)) if $r < 0.5;
    return sprintf('%.6g', rand(1e6) - 5e5) if $r < 0.8;
    return sprintf('%.3e', rand(1e30));
  };
  my $value;
  $value = sub {
    my ($depth) = @_;
    my $r = rand();
    if ($depth < 4 && $r < 0.12) {
      return '{' . join(',', map { '"' . word() . "\":" . $value->($depth + 1) } 1 .. 1 + int(rand(5))) . '}';
    }
    if ($depth < 4 && $r < 0.22) {
      return '[' . join(',', map { $value->($depth + 1) } 0 .. int(rand(6))) . ']';
    }
    return $jstr->() if $r < 0.55;
    return $num->() if $r < 0.85;
    return ('true', 'false', 'null')[int(rand(3))];
  };
  emit('[');
  my $first = 1;
  while ($out < $bytes) {
    emit(",\n") unless $first;
    $first = 0;
    if ($sub eq 'records') {
      emit(sprintf('{"id":%d,"name":%s,"email":"%s@%s.example","active":%s,"score":%s,"tags":[%s],"address":{"street":%s,"city":%s,"zip":"%05d"},"extra":%s}',
        int(rand(1e7)), $jstr->(), word(), word(), (rand() < 0.5 ? 'true' : 'false'), $num->(),
        join(',', map { $jstr->() } 0 .. int(rand(4))), $jstr->(), $jstr->(), int(rand(99999)), $value->(1)));
    } elsif ($sub eq 'nested') {
      emit($value->(0) . ',' . '{"' . word() . '":' . $value->(1) . ',"list":[' . join(',', map { $value->(2) } 0 .. 8) . ']}');
    } elsif ($sub eq 'numbers') {
      emit('[' . join(',', map { $num->() } 1 .. 64) . ']');
    } else {
      die "gen.pl: unknown json kind '$sub'\n";
    }
  }
  emit("]\n");
} elsif ($kind eq 'xml') {
  my @ent = ('&amp;', '&lt;', '&gt;', '&quot;', '&#233;', '&#x4e2d;');
  emit(qq{<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE catalog [ <!ENTITY pub "} . str() . qq{"> ]>\n<catalog xmlns:x="urn:example:x">\n});
  my $id = 0;
  while ($out < $bytes) {
    $id++;
    my $title = str();
    $title .= ' ' . $ent[int(rand(@ent))] . ' ' . word() if rand() < 0.3;
    my $item = sprintf(qq{  <item id="i%d" x:lang="%s" price="%.2f" stock="%d">\n    <title>%s</title>\n    <author first="%s" last="%s"/>\n    <publisher>&pub;</publisher>\n    <summary>%s</summary>\n},
      $id, word(), rand(100), int(rand(500)), $title, word(), word(), sentence() . ' ' . sentence());
    $item .= '    <notes><![CDATA[' . sentence() . ' <raw> & stuff ]]></notes>' . "\n" if rand() < 0.2;
    $item .= '    <tags>' . join('', map { '<tag>' . word() . '</tag>' } 0 .. int(rand(5))) . "</tags>\n";
    $item .= "    <!-- " . word() . " -->\n" if rand() < 0.1;
    emit($item . "  </item>\n");
  }
  emit("</catalog>\n");
} elsif ($kind eq 'markdown' && ($sub // '') eq 'docs') {
  my $n = 0;
  while ($out < $bytes) {
    $n++;
    my $t = ('#' x (1 + int(rand(3)))) . ' ' . ucfirst(word()) . ' ' . word() . "\n\n";
    $t .= join(' ', map { sentence() } 0 .. 2 + int(rand(4))) . "\n\n" for 0 .. int(rand(3));
    if (rand() < 0.5) {
      $t .= '- ' . sentence() . "\n" for 0 .. 1 + int(rand(4));
      $t .= "\n";
    }
    $t .= "```\n" . join("\n", map { word() . '(' . int(rand(100)) . ');' } 0 .. int(rand(6))) . "\n```\n\n" if rand() < 0.3;
    emit($t);
  }
} elsif ($kind eq 'markdown' && ($sub // '') eq 'dense') {
  my @inline = (
    sub { '*' . word() . ' ' . word() . '*' }, sub { '**' . word() . '**' },
    sub { '_' . word() . '_ and __' . word() . '__' }, sub { '`' . word() . '_' . word() . '()`' },
    sub { '[' . word() . '](http://example.com/' . word() . '/' . int(rand(999)) . ')' },
    sub { '***' . word() . '*** ' . word() }, sub { word() . '\\*' . word() }, sub { word() });
  my $phrase = sub { join ' ', map { $inline[int(rand(@inline))]->() } 1 .. $_[0] };
  while ($out < $bytes) {
    my $k = int(rand(4));
    my $t = '';
    if ($k == 0) {
      for my $i (1 .. 20 + int(rand(40))) {
        $t .= ('    ' x (0, 0, 1, 1, 2)[int(rand(5))]) . ('- ', '* ', "$i. ")[int(rand(3))]
          . $phrase->(3 + int(rand(6))) . "\n";
      }
    } elsif ($k == 1) {
      my $cols = 3 + int(rand(3));
      $t .= '| ' . join(' | ', map { word() } 1 .. $cols) . " |\n|" . ('---|' x $cols) . "\n";
      for (1 .. 10 + int(rand(30))) {
        $t .= '| ' . join(' | ', map { '`' . word() . '.' . word() . '(' . int(rand(99)) . ')`' } 1 .. $cols) . " |\n";
      }
    } elsif ($k == 2) {
      $t .= $phrase->(20 + int(rand(40))) . ".\n\n" for 1 .. 2 + int(rand(4));
    } else {
      $t .= ('#' x (1 + int(rand(3)))) . ' ' . $phrase->(3) . "\n";
      $t .= '> ' . $phrase->(5 + int(rand(10))) . "\n" for 1 .. 3 + int(rand(7));
    }
    emit($t . "\n");
  }
} elsif ($kind eq 'yaml' && ($sub // '') eq 'config') {
  my $scalar = sub {
    my $r = rand();
    return int(rand(100000)) if $r < 0.25;
    return sprintf('%.4g', rand(1000) - 500) if $r < 0.35;
    return ('true', 'false', 'null', '~')[int(rand(4))] if $r < 0.45;
    return '"' . str() . ($r < 0.5 ? '\\t' . word() : '') . '"' if $r < 0.6;
    return "'" . str() . "''s'" if $r < 0.65;
    return str();
  };
  my $block;
  $block = sub {
    my ($ind, $depth) = @_;
    my $p = ' ' x $ind;
    my $t = '';
    for (1 .. 2 + int(rand(5))) {
      my $k = word();
      my $r = rand();
      $t .= "$p# " . sentence() . "\n" if rand() < 0.15;
      if ($depth < 4 && $r < 0.3) {
        $t .= "$p$k:\n" . $block->($ind + 2, $depth + 1);
      } elsif ($depth < 4 && $r < 0.45) {
        $t .= "$p$k:\n";
        $t .= "$p  - " . $scalar->() . "\n" for 0 .. int(rand(5));
      } elsif ($r < 0.5) {
        $t .= "$p$k: |\n" . join('', map { "$p  " . sentence() . "\n" } 0 .. int(rand(3)));
      } else {
        $t .= "$p$k: " . $scalar->() . (rand() < 0.1 ? ' # ' . word() : '') . "\n";
      }
    }
    return $t;
  };
  my $n = 0;
  while ($out < $bytes) {
    $n++;
    emit('s' . $n . ': &a' . $n . "\n" . $block->(2, 1));
    emit('r' . $n . ": *a" . int(1 + rand($n)) . "\n") if rand() < 0.2;
  }
} elsif ($kind eq 'yaml' && ($sub // '') eq 'list') {
  emit("---\n");
  while ($out < $bytes) {
    emit(sprintf("- id: %d\n  name: \"%s\"\n  email: %s\@%s.example\n  active: %s\n  score: %.6g\n  tags: [%s]\n  note: '%s'\n  point: {x: %d, y: %d}\n",
      int(rand(1e7)), str(), word(), word(), (rand() < 0.5 ? 'yes' : 'no'), rand(1e6) - 5e5,
      join(', ', map { word() } 0 .. int(rand(5))), sentence(), int(rand(1000)), int(rand(1000))));
  }
  emit("...\n");
} else {
  die "gen.pl: unknown kind '$kind'\n";
}
