# no training at all
