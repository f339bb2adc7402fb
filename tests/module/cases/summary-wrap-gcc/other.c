int other(int v)
{
    return v > 0 ? v * 2 : -v;
}
